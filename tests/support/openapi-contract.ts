import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { buildOpenApiDocument } from '../../contracts/http/openapi';

/**
 * Holds every answer the end-to-end tests receive to the OpenAPI document (contracts/http/): the
 * operation of the method and path must list the status, the body must match its schema, and
 * the headers it promises (Location, Retry-After) must be there. A request no operation matches
 * is the HTTP API's $default route: 404 in the error shape. The tests' HTTP client calls it on
 * every answer, so a test fails on any answer the document does not describe.
 */

interface ResponseObject {
  content?: Record<string, { schema: unknown }>;
  headers?: Record<string, { required?: boolean }>;
}
type Operation = { responses: Record<string, ResponseObject> };
type PathItem = Record<string, Operation>;

const document = buildOpenApiDocument() as unknown as {
  paths: Record<string, PathItem>;
  components: Record<string, unknown>;
};

const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
addFormats(ajv);
ajv.addSchema(document, 'openapi');

const pointerPart = (part: string) => part.replace(/~/g, '~0').replace(/\//g, '~1');

const compiled = new Map<string, ValidateFunction>();
const validatorAt = (pointer: string): ValidateFunction => {
  let validate = compiled.get(pointer);
  if (!validate) {
    validate = ajv.compile({ $ref: `openapi#${pointer}` });
    compiled.set(pointer, validate);
  }
  return validate;
};

// Literal paths before templates, so `/orders` never reads as `/orders/{orderId}`.
const templates = Object.keys(document.paths)
  .map((template) => ({
    template,
    pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
    literal: !template.includes('{'),
  }))
  .sort((a, b) => Number(b.literal) - Number(a.literal));

export interface ObservedResponse {
  status: number;
  headers: Headers;
  body: unknown;
}

/** What is wrong with the answer, by the document; an empty list when nothing is. */
export function contractViolations(
  method: string,
  pathAndQuery: string,
  response: ObservedResponse,
): string[] {
  const path = pathAndQuery.split('?')[0] ?? '';
  const verb = method.toLowerCase();
  const match = templates.find(
    ({ template, pattern }) => pattern.test(path) && document.paths[template]?.[verb],
  );
  if (!match) {
    return response.status === 404
      ? bodyViolations('/components/schemas/ErrorResponse', response.body)
      : [`no operation for ${method} ${path}, yet ${response.status} rather than 404`];
  }
  const responsePointer = `/paths/${pointerPart(match.template)}/${verb}/responses/${response.status}`;
  const documented = document.paths[match.template]?.[verb]?.responses[String(response.status)];
  if (!documented)
    return [
      `${response.status} is not a documented answer of ${verb.toUpperCase()} ${match.template}`,
    ];

  const problems: string[] = [];
  const contentType = response.headers.get('content-type') ?? '';
  if (documented.content?.['application/json']) {
    if (!/^application\/json\b/.test(contentType)) problems.push(`content-type ${contentType}`);
    problems.push(
      ...bodyViolations(`${responsePointer}/content/application~1json/schema`, response.body),
    );
  }
  for (const [name, header] of Object.entries(documented.headers ?? {})) {
    if (header.required && !response.headers.has(name)) problems.push(`no ${name} header`);
  }
  return problems;
}

function bodyViolations(schemaPointer: string, body: unknown): string[] {
  const validate = validatorAt(schemaPointer);
  if (validate(body)) return [];
  return (validate.errors ?? []).map(
    (error) =>
      `body${error.instancePath} ${error.message ?? 'is invalid'} ${JSON.stringify(error.params)}`,
  );
}

/** Throws, failing the test, when the answer breaks the document. */
export function assertMatchesContract(
  method: string,
  pathAndQuery: string,
  response: ObservedResponse,
): void {
  const problems = contractViolations(method, pathAndQuery, response);
  if (problems.length > 0) {
    throw new Error(
      `${method} ${pathAndQuery} answered ${response.status} outside the OpenAPI document:\n  ${problems.join('\n  ')}\nbody: ${JSON.stringify(response.body)?.slice(0, 1000)}`,
    );
  }
}
