import { runInNewContext } from 'node:vm';
import { build } from 'esbuild';

// Lambda reports `errorType` from `error.name`; the state machine and the HTTP
// error table match on it. Bundle every error module the way a deployment
// does (minified, so class names are mangled) and check each error's name is
// still its class's exported name.
const errorModules = [
  'functions/lib/errors.ts',
  'functions/payments/domain/errors.ts',
  'functions/inventory/domain/errors.ts',
  'functions/delivery/domain/errors.ts',
  'functions/orders/domain/errors.ts',
];

const minifiedExports = async (): Promise<Record<string, unknown>> => {
  const result = await build({
    stdin: {
      contents: errorModules.map((path) => `export * from './${path}';`).join('\n'),
      resolveDir: process.cwd(),
      loader: 'ts',
    },
    bundle: true,
    minify: true,
    format: 'cjs',
    platform: 'node',
    target: 'node22',
    write: false,
  });
  const sandbox = { module: { exports: {} as Record<string, unknown> }, exports: {} };
  sandbox.exports = sandbox.module.exports;
  runInNewContext(result.outputFiles[0]?.text ?? '', sandbox);
  return sandbox.module.exports;
};

describe('domain errors', () => {
  it('keep their class name as `name` after minification', async () => {
    const exported = await minifiedExports();
    const errorClasses = Object.entries(exported).filter(
      ([exportName, value]) => typeof value === 'function' && exportName !== 'DomainError',
    ) as [string, new (message: string) => Error][];

    expect(errorClasses.map(([exportName]) => exportName)).toEqual(
      expect.arrayContaining(['PaymentDeclined', 'OutOfStock', 'SlotUnavailable', 'NotFound']),
    );
    for (const [exportName, ErrorClass] of errorClasses) {
      const error = new ErrorClass('message');
      expect({ exportName, name: error.name, message: error.message }).toEqual({
        exportName,
        name: exportName,
        message: 'message',
      });
    }
    // The check means something only if minification did rename classes.
    expect(errorClasses.some(([exportName, ErrorClass]) => ErrorClass.name !== exportName)).toBe(
      true,
    );
  });
});
