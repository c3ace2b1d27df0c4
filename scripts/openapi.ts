/**
 * `npm run openapi`: writes the API's OpenAPI 3.1 document (docs/openapi.json, built from the
 * contracts as GET /openapi.json answers it) and the Postman collection generated from it by
 * openapi-to-postmanv2 (docs/shop.postman_collection.json: one request per operation, grouped by
 * tag, `{{baseUrl}}` and `{{bearerToken}}` as collection variables), and the scenarios
 * collection (docs/scenarios.postman_collection.json, what `npm run scenarios` runs).
 * What the converter makes at random is left out, so that a file changes only when the API does.
 */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { convertV2 } from 'openapi-to-postmanv2';
import { buildOpenApiDocument } from '../contracts/http/openapi';
import { scenariosCollection } from './scenarios/collection';

const ROOT = resolve(__dirname, '..');
export const OPENAPI_FILE = resolve(ROOT, 'docs/openapi.json');
export const POSTMAN_FILE = resolve(ROOT, 'docs/shop.postman_collection.json');
export const SCENARIOS_FILE = resolve(ROOT, 'docs/scenarios.postman_collection.json');

const asJson = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

// The converter's random ids and its example responses (random values of each schema) would change
// the file on every run; the document and the reference page show the responses.
const UNSTABLE = new Set(['id', '_postman_id', 'response']);
const isPathVariable = (member: unknown): member is { key: string; type: 'any' } =>
  typeof member === 'object' &&
  member !== null &&
  (member as { type?: unknown }).type === 'any' &&
  typeof (member as { key?: unknown }).key === 'string';

const withoutIds = (value: unknown): unknown =>
  JSON.parse(
    JSON.stringify(value, (key, member: unknown) => {
      if (UNSTABLE.has(key)) return undefined;
      // A path variable ({productId}…) becomes a Postman variable of the same name.
      if (isPathVariable(member)) return { ...member, value: `{{${member.key}}}` };
      return member;
    }),
  );

/** The collection openapi-to-postmanv2 makes of the document. */
export function postmanCollectionOf(document: object): Promise<unknown> {
  return new Promise((resolveCollection, rejectCollection) => {
    convertV2(
      { type: 'json', data: document },
      {
        folderStrategy: 'Tags',
        requestNameSource: 'Fallback',
        parametersResolution: 'Example',
        // Random example values would change the file on every run.
        schemaFaker: false,
      },
      (error, result) => {
        if (error)
          return rejectCollection(new Error(`openapi-to-postmanv2: ${JSON.stringify(error)}`));
        const collection = result?.output?.[0]?.data;
        if (!result?.result || !collection) {
          return rejectCollection(
            new Error(`openapi-to-postmanv2: ${result?.reason ?? 'no collection'}`),
          );
        }
        resolveCollection(withoutIds(collection));
      },
    );
  });
}

export async function generatedFiles(): Promise<Record<string, string>> {
  // The document on disk names no server: a client gives its own base URL.
  const document = buildOpenApiDocument();
  return {
    [OPENAPI_FILE]: asJson(document),
    [POSTMAN_FILE]: asJson(await postmanCollectionOf(document)),
    // The hand-written scenarios (scripts/scenarios/collection.ts), for Postman.
    [SCENARIOS_FILE]: asJson(scenariosCollection()),
  };
}

async function main(): Promise<void> {
  for (const [path, text] of Object.entries(await generatedFiles())) {
    await writeFile(path, text);
    console.log(`wrote ${path}`);
  }
}

if (require.main === module) void main();
