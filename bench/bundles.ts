import { execFile, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import * as z from 'zod';
import { ROOT } from './stack';
import { median, round } from './stats';
import { readZip } from './zip';

/**
 * What each function deploys as, and how long Node takes to load it. The artifacts are the real
 * ones: `sls package --stage dev` (offline, no credentials) runs serverless-esbuild exactly as a
 * deploy would, with the dev stage's custom.esbuild (the SDK bundled in, source maps linked), and
 * writes one zip per function plus the CloudFormation template. Reading those rather than
 * rebuilding from `sls print` leaves nothing to re-implement: the zip is what Lambda downloads
 * and unpacks, the template says each function's handler, memory and environment.
 *
 * Import time: a fresh `node` per measurement that requires the unpacked handler file and reports
 * how long the require took — the module initialisation a cold start runs before the first event
 * (SDK clients, configuration checks, schema building), without Lambda's own runtime start. Once
 * as deployed (the zip holds no source map, NODE_OPTIONS does not enable them), and once as it
 * would be with the bundle's map beside it and NODE_OPTIONS=--enable-source-maps (what the map
 * costs at every cold start), with the function's environment variables set to dummy values of
 * the right shape.
 */

export interface PackagedFunction {
  fn: string;
  name: string;
  handler: string;
  memoryMb: number;
  zipFile: string;
  environment: Record<string, string>;
}

export interface AwsPackage {
  /** The bench's scratch folder, removed at the end (removePackage). */
  work: string;
  /** Where the bundles' source maps are (never in the zips). */
  sourceMaps: string;
  /** How long `sls package` took; null for a package made before the run (--package). */
  seconds: number | null;
  functions: PackagedFunction[];
}

export interface FunctionBundle {
  fn: string;
  handler: string;
  memoryMb: number;
  zipBytes: number;
  jsBytes: number;
  /** The bundle's source map, kept out of the zip (serverless.yml custom.esbuild). */
  sourceMapBytes: number;
  /** Median of the runs: require() of the handler file in a fresh process, as deployed. */
  importMs: number;
  /** The same with its source map beside it and --enable-source-maps. */
  importMsWithSourceMaps: number;
  /** Median of the runs: the whole `node -e` process, start to exit, as configured. */
  processMs: number;
  runs: number;
  error?: string;
}

export interface BundleFigures {
  method: string;
  stage: string;
  node: string;
  packageSeconds: number | null;
  functions: FunctionBundle[];
}

const cfnFunctionSchema = z.looseObject({
  Type: z.literal('AWS::Lambda::Function'),
  Properties: z.looseObject({
    FunctionName: z.string(),
    Handler: z.string(),
    MemorySize: z.number().optional(),
    Code: z.looseObject({ S3Key: z.string() }),
    Environment: z.looseObject({ Variables: z.record(z.string(), z.unknown()) }).optional(),
  }),
});
const templateSchema = z.looseObject({
  Resources: z.record(z.string(), z.looseObject({ Type: z.string() })),
});

const PSEUDO: Record<string, string> = {
  'AWS::Region': 'us-east-1',
  'AWS::AccountId': '000000000000',
  'AWS::Partition': 'aws',
  'AWS::URLSuffix': 'amazonaws.com',
};

/** A CloudFormation value as a plausible string: what a Ref or GetAtt would become on AWS. */
function dummyOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const object = (typeof value === 'object' && value !== null ? value : {}) as Record<
    string,
    unknown
  >;
  if (typeof object.Ref === 'string') return PSEUDO[object.Ref] ?? `dummy-${object.Ref}`;
  const getAtt = object['Fn::GetAtt'];
  if (Array.isArray(getAtt)) return `arn:aws:dummy:us-east-1:000000000000:${String(getAtt[0])}`;
  const sub = object['Fn::Sub'];
  const template: unknown = Array.isArray(sub) ? (sub as unknown[])[0] : sub;
  if (typeof template === 'string') {
    return template.replace(
      /\$\{([^}]+)\}/g,
      (_, name: string) => PSEUDO[name] ?? `dummy${name.replace(/\W/g, '')}`,
    );
  }
  const join = object['Fn::Join'];
  if (Array.isArray(join) && typeof join[0] === 'string' && Array.isArray(join[1])) {
    return join[1].map(dummyOf).join(join[0]);
  }
  return `dummy-${JSON.stringify(value).replace(/\W/g, '').slice(0, 40)}`;
}

/**
 * Packages the dev stage into a scratch folder of the bench's, or takes `made`, a package made
 * already in the same layout (`made`/package and `made`/source-maps, as the test suite's shared
 * one), so a run that already has one does not build all the bundles again.
 */
export async function packageForAws(made?: string): Promise<AwsPackage> {
  const work = await mkdtemp(join(tmpdir(), 'shop-bench-'));
  const from = made ?? work;
  const dir = join(from, 'package');
  const started = performance.now();
  if (made === undefined) await slsPackageDev(work, dir);
  const seconds = made === undefined ? round((performance.now() - started) / 1000) : null;
  const template = templateSchema.parse(
    JSON.parse(await readFile(join(dir, 'cloudformation-template-update-stack.json'), 'utf8')),
  );
  const functions = Object.values(template.Resources).flatMap((resource) => {
    const parsed = cfnFunctionSchema.safeParse(resource);
    if (!parsed.success) return [];
    const { FunctionName, Handler, MemorySize, Code, Environment } = parsed.data.Properties;
    return [
      {
        fn: FunctionName.slice(FunctionName.lastIndexOf('-') + 1),
        name: FunctionName,
        handler: Handler,
        memoryMb: MemorySize ?? 1024,
        zipFile: join(dir, basename(Code.S3Key)),
        environment: Object.fromEntries(
          Object.entries(Environment?.Variables ?? {}).map(([name, value]) => [
            name,
            dummyOf(value),
          ]),
        ),
      },
    ];
  });
  return {
    work,
    sourceMaps: join(from, 'source-maps'),
    seconds,
    functions: functions.sort((a, b) => a.fn.localeCompare(b.fn)),
  };
}

/**
 * No AWS credentials, staging folders in our own temp dir, esbuild's work folder of its own
 * (serverless.yml: SHOP_BUILD_DIR), so a package run by a test or a colleague is never touched.
 */
async function slsPackageDev(work: string, dir: string): Promise<void> {
  await promisify(execFile)(
    process.execPath,
    [
      join(ROOT, 'node_modules', 'serverless', 'bin', 'serverless.js'),
      'package',
      '--stage',
      'dev',
      '--package',
      dir,
    ],
    {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        CI: 'true',
        TMPDIR: work,
        SHOP_BUILD_DIR: `.local/bench-esbuild-${process.pid}`,
        // The source maps (never in the zips) go to the bench's folder, not .source-maps/.
        SHOP_SOURCE_MAP_DIR: join(work, 'source-maps'),
      },
      maxBuffer: 32 * 1024 * 1024,
    },
  ).catch((error: unknown) => {
    const failure = error as { stdout?: string; stderr?: string };
    throw new Error(
      `sls package --stage dev failed: ${String(error)}\n${failure.stdout ?? ''}${failure.stderr ?? ''}`.slice(
        0,
        4000,
      ),
    );
  });
}

// Runs in the fresh process: require the handler file, report how long that took.
const MEASURE = [
  "const { performance } = require('node:perf_hooks');",
  'const started = performance.now();',
  'const loaded = require(process.argv[1]);',
  'const importMs = performance.now() - started;',
  "if (typeof loaded[process.argv[2]] !== 'function') { console.error('no handler export'); process.exit(3); }",
  'process.stdout.write(JSON.stringify({ importMs }));',
].join('\n');

const resultSchema = z.object({ importMs: z.number() });

function measureOnce(
  file: string,
  exportName: string,
  env: NodeJS.ProcessEnv,
): Promise<{ importMs: number; processMs: number }> {
  return new Promise((resolveRun, rejectRun) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['-e', MEASURE, file, exportName], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', rejectRun);
    child.once('exit', (code) => {
      const processMs = performance.now() - started;
      if (code !== 0) {
        rejectRun(new Error(`exit ${code}: ${stderr.trim().split('\n').slice(-3).join(' ')}`));
        return;
      }
      try {
        resolveRun({ importMs: resultSchema.parse(JSON.parse(stdout)).importMs, processMs });
      } catch (error) {
        rejectRun(error instanceof Error ? error : new Error(String(error)));
      }
    });
  });
}

export async function measureBundles(
  pkg: AwsPackage,
  runs: number,
  onFunctionDone?: () => void,
): Promise<BundleFigures> {
  const functions: FunctionBundle[] = [];
  for (const fn of pkg.functions) {
    const [modulePath = '', exportName = 'handler'] = [
      fn.handler.slice(0, fn.handler.lastIndexOf('.')),
      fn.handler.slice(fn.handler.lastIndexOf('.') + 1),
    ];
    const figures: FunctionBundle = {
      fn: fn.fn,
      handler: fn.handler,
      memoryMb: fn.memoryMb,
      zipBytes: 0,
      jsBytes: 0,
      sourceMapBytes: 0,
      importMs: Number.NaN,
      importMsWithSourceMaps: Number.NaN,
      processMs: Number.NaN,
      runs,
    };
    functions.push(figures);
    try {
      const archive = await readFile(fn.zipFile);
      figures.zipBytes = archive.length;
      const unpacked = join(pkg.work, 'unpacked', fn.fn);
      for (const entry of readZip(archive)) {
        if (entry.name.endsWith('.js')) figures.jsBytes += entry.bytes;
        const target = join(unpacked, entry.name);
        await mkdir(dirname(target), { recursive: true });
        await writeFile(target, entry.data);
      }
      const file = join(unpacked, `${modulePath}.js`);
      // What the Lambda runtime sets, plus the function's own variables; nothing of this shell.
      const configured: NodeJS.ProcessEnv = {
        PATH: process.env.PATH,
        LAMBDA_TASK_ROOT: unpacked,
        AWS_REGION: 'us-east-1',
        AWS_DEFAULT_REGION: 'us-east-1',
        AWS_LAMBDA_FUNCTION_NAME: fn.name,
        AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memoryMb),
        AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
        AWS_ACCESS_KEY_ID: 'dummy',
        AWS_SECRET_ACCESS_KEY: 'dummy',
        AWS_SESSION_TOKEN: 'dummy',
        // Lambda runs Node 22, which the SDK does not warn about; this Node may be older.
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        ...fn.environment,
      };
      // The variant with the map: a copy of the bundle that names its map, the map beside it.
      const map = join(pkg.sourceMaps, `${modulePath}.js.map`);
      const mapped = join(unpacked, `${modulePath}.with-map.js`);
      const mapBytes = await readFile(map).catch(() => undefined);
      if (mapBytes) {
        figures.sourceMapBytes = mapBytes.length;
        await writeFile(`${mapped}.map`, mapBytes);
        await writeFile(
          mapped,
          `${await readFile(file, 'utf8')}\n//# sourceMappingURL=${basename(mapped)}.map\n`,
        );
      }
      const withMaps: NodeJS.ProcessEnv = {
        ...configured,
        NODE_OPTIONS: `${configured.NODE_OPTIONS ?? ''} --enable-source-maps`.trim(),
      };
      const imports: number[] = [];
      const importsWith: number[] = [];
      const processes: number[] = [];
      // Interleaved, so a burst of load on the machine hits both variants alike.
      for (let run = 0; run < runs; run++) {
        const measured = await measureOnce(file, exportName, configured);
        imports.push(measured.importMs);
        processes.push(measured.processMs);
        if (mapBytes) importsWith.push((await measureOnce(mapped, exportName, withMaps)).importMs);
      }
      figures.importMs = round(median(imports), 1);
      figures.importMsWithSourceMaps = mapBytes ? round(median(importsWith), 1) : Number.NaN;
      figures.processMs = round(median(processes), 1);
    } catch (error) {
      figures.error = error instanceof Error ? error.message : String(error);
    }
    onFunctionDone?.();
  }
  return {
    method:
      'sls package --stage dev (serverless-esbuild as for AWS); per function: zip size, unpacked .js and .map bytes; median over fresh `node -e` processes of require(handler file), as deployed and with the source map beside the bundle and --enable-source-maps',
    stage: 'dev',
    node: process.version,
    packageSeconds: pkg.seconds,
    functions,
  };
}

export const removePackage = (pkg: AwsPackage): Promise<void> =>
  rm(pkg.work, { recursive: true, force: true });
