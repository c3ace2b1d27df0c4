import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { ERROR_STATUSES } from '../../../../contracts/http/common';
import { buildOpenApiDocument } from '../../../../contracts/http/openapi';
import { httpErrorTable } from '../../../../functions/lib/middleware/http-errors';
import { contractViolations } from '../../../support/openapi-contract';

const ROOT = resolve(__dirname, '../../../..');
const document = buildOpenApiDocument() as unknown as {
  openapi: string;
  paths: Record<string, Record<string, { security?: unknown[]; responses: object }>>;
};

/** `METHOD /path` of every httpApi event of every functions.yml serverless.yml includes. */
function serverlessRoutes(): string[] {
  const serverless = readFileSync(resolve(ROOT, 'serverless.yml'), 'utf8');
  const files = [...serverless.matchAll(/\$\{file\((functions\/[^)]+\/functions\.yml)\)\}/g)].map(
    (match) => match[1] ?? '',
  );
  expect(files.length).toBe(
    readdirSync(resolve(ROOT, 'functions')).filter((name) => {
      try {
        readFileSync(resolve(ROOT, 'functions', name, 'functions.yml'));
        return true;
      } catch {
        return false;
      }
    }).length,
  );
  return files.flatMap((file) => {
    const functions = parse(readFileSync(resolve(ROOT, file), 'utf8'), {
      logLevel: 'error',
    }) as Record<string, { events?: { httpApi?: string | { method: string; path: string } }[] }>;
    return Object.values(functions).flatMap((fn) =>
      (fn.events ?? []).flatMap(({ httpApi }) => {
        if (httpApi === undefined || httpApi === '*') return [];
        return [typeof httpApi === 'string' ? httpApi : `${httpApi.method} ${httpApi.path}`];
      }),
    );
  });
}

const documentedRoutes = (): string[] =>
  Object.entries(document.paths).flatMap(([path, item]) =>
    Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
  );

const answer = (status: number, body: unknown, headers: Record<string, string> = {}) => ({
  status,
  body,
  headers: new Headers({ 'content-type': 'application/json', ...headers }),
});

/**
 * @seriousme/openapi-schema-validator's verdict on a document, from its CLI: the package is ESM
 * that reads its schemas through import.meta, which Jest's CommonJS cannot load.
 */
function independentVerdict(candidate: unknown): { valid: boolean; errors?: unknown } {
  const file = join(mkdtempSync(join(tmpdir(), 'openapi-')), 'openapi.json');
  writeFileSync(file, JSON.stringify(candidate));
  const cli = resolve(
    ROOT,
    'node_modules/@seriousme/openapi-schema-validator/bin/validate-api-cli.js',
  );
  try {
    return JSON.parse(execFileSync(process.execPath, [cli, file], { encoding: 'utf8' })) as {
      valid: boolean;
    };
  } catch (error) {
    // It exits 1 for an invalid document, with the verdict on stdout.
    return JSON.parse((error as { stdout: string }).stdout) as { valid: boolean; errors: unknown };
  }
}

describe('the OpenAPI document', () => {
  it('is valid OpenAPI 3.1 by an independent validator', () => {
    expect(independentVerdict(document)).toEqual({ valid: true });
    expect(document.openapi).toBe('3.1.0');
  });

  it('would be refused by that validator without its info', () => {
    const broken = structuredClone(document) as Partial<typeof document> & { info?: unknown };
    delete broken.info;

    expect(independentVerdict(broken)).toMatchObject({ valid: false });
  });

  it("has exactly serverless.yml's routes, no more, no fewer", () => {
    expect(documentedRoutes().sort()).toEqual(serverlessRoutes().sort());
  });

  it('is what docs/openapi.json holds (npm run openapi writes it)', () => {
    const onDisk: unknown = JSON.parse(readFileSync(resolve(ROOT, 'docs/openapi.json'), 'utf8'));

    expect(onDisk).toEqual(document);
  });

  it("documents every code of the handlers' error table with its status", () => {
    for (const { code, status } of httpErrorTable.values()) {
      expect([code, ERROR_STATUSES[code as keyof typeof ERROR_STATUSES]]).toEqual([code, status]);
    }
  });

  it('asks for the bearer token on every route but the public ones', () => {
    const open = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([, operation]) => operation.security?.length === 0)
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    );

    expect(open.sort()).toEqual(
      [
        'GET /health',
        'GET /health/ready',
        'GET /openapi.json',
        'POST /auth/register',
        'POST /auth/login',
        'GET /products',
        'GET /products/{productId}',
        'GET /inventory/{productId}',
        'GET /delivery/slots',
      ].sort(),
    );
  });
});

describe('holding an answer to the document', () => {
  const wallet = { balance: 100, held: 0, available: 100, currency: 'USD' };

  it('accepts a documented status with a body of its schema', () => {
    expect(contractViolations('GET', '/wallet', answer(200, wallet))).toEqual([]);
  });

  it('names a field the schema does not have', () => {
    expect(
      contractViolations('GET', '/wallet', answer(200, { ...wallet, userId: 'u-1' })).join(),
    ).toMatch(/additional/);
  });

  it('refuses a status the operation does not document', () => {
    expect(contractViolations('GET', '/wallet', answer(422, { error: {} }))).toEqual([
      '422 is not a documented answer of GET /wallet',
    ]);
  });

  it('refuses an error code outside the contract and an error without a message', () => {
    const problems = contractViolations('GET', '/wallet', answer(401, { error: { code: 'NOPE' } }));

    expect(problems.join('\n')).toMatch(/code/);
    expect(problems.join('\n')).toMatch(/message/);
  });

  it('wants the Location header of a placed order', () => {
    const order = {
      orderId: 'o-1',
      userId: 'u-1',
      status: 'PENDING',
      items: [{ productId: 'p-1', name: 'Mug', quantity: 1, unitPrice: 5, lineTotal: 5 }],
      total: 5,
      currency: 'USD',
      deliverySlotId: 's-1',
      createdAt: '2030-01-01T00:00:00.000Z',
      updatedAt: '2030-01-01T00:00:00.000Z',
    };

    expect(contractViolations('POST', '/orders', answer(201, order))).toEqual([
      'no Location header',
    ]);
    expect(
      contractViolations('POST', '/orders', answer(201, order, { location: '/orders/o-1' })),
    ).toEqual([]);
  });

  it('matches a path template and leaves the query string out', () => {
    expect(
      contractViolations(
        'GET',
        '/orders/o-1/saga?x=1',
        answer(404, { error: { code: 'NOT_FOUND', message: 'x' } }),
      ),
    ).toEqual([]);
  });

  it('takes a route no operation has for the $default route: 404 in the error shape only', () => {
    const notFound = { error: { code: 'NOT_FOUND', message: 'No route' } };

    expect(contractViolations('PATCH', '/wallet', answer(404, notFound))).toEqual([]);
    expect(contractViolations('PATCH', '/wallet', answer(200, wallet))).toHaveLength(1);
  });
});
