import { readFileSync } from 'node:fs';
import { buildOpenApiDocument } from '../../../contracts/http/openapi';
import { api } from '../../support/http-client';
import { TEST_STACK_FILE } from '../../support/test-stack';

// API.md "Health": GET /openapi.json (public) answers the OpenAPI 3.1 document; `npm start`
// serves a reference page over it (embedded-stack/api-docs.ts).

const docsUrl = (): string =>
  (JSON.parse(readFileSync(TEST_STACK_FILE, 'utf8')) as { apiDocsUrl: string }).apiDocsUrl;

describe('GET /openapi.json (public)', () => {
  it('answers the document built from the contracts, without a token', async () => {
    const response = await api.get('/openapi.json');

    expect(response.status).toBe(200);
    expect(response.body).toEqual(buildOpenApiDocument());
  });
});

describe("the local stack's API reference page", () => {
  it('serves the page, its script and the document naming the local HTTP API as server', async () => {
    const [page, script, document] = await Promise.all(
      ['', 'scalar/standalone.js', 'openapi.json'].map((path) => fetch(`${docsUrl()}${path}`)),
    );

    expect(page?.status).toBe(200);
    expect(await page?.text()).toContain('Scalar.createApiReference');
    expect(script?.status).toBe(200);
    expect((await script?.text())?.length).toBeGreaterThan(100_000);
    expect(((await document?.json()) as { servers: unknown }).servers).toEqual([
      {
        url: (JSON.parse(readFileSync(TEST_STACK_FILE, 'utf8')) as { httpApiUrl: string })
          .httpApiUrl,
      },
    ]);
  });
});
