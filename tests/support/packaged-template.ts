import { execFile } from 'node:child_process';
import {
  copyFile,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rename,
  rm,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const ROOT = resolve(__dirname, '..', '..');

export interface CloudFormationTemplate {
  Resources: Record<
    string,
    { Type: string; Properties?: Record<string, unknown>; DependsOn?: string | string[] }
  >;
  Outputs?: Record<string, unknown>;
}

export interface PackagedStage {
  template: CloudFormationTemplate;
  /** The folder `sls package` wrote: the template and every function's zip. */
  dir: string;
  templateFile: string;
  /** Removes the folder: call it once the stage's tests are done (a no-op for a shared one). */
  remove: () => Promise<void>;
}

export const TEMPLATE_FILE = 'cloudformation-template-update-stack.json';

export interface PackageOptions {
  /** The folder to work in (made if missing); a fresh temporary one by default. */
  work?: string;
  /**
   * A package of another stage whose zips this one takes as they are, with no build of its own
   * (serverless-esbuild's skipBuild: serverless.yml, SHOP_REUSE_BUNDLES). For a test that reads
   * only the template: building the 51 bundles is most of a package's cost (~25 of ~30 CPU s).
   */
  bundlesOf?: PackagedStage;
}

/**
 * Runs `sls package` for a stage into a fresh folder, with no AWS credentials at all, and returns
 * the CloudFormation template it wrote, with the folder (kept until `remove`).
 */
export async function packageStage(
  stage: string,
  { work: givenWork, bundlesOf }: PackageOptions = {},
): Promise<PackagedStage> {
  const work = givenWork ?? (await mkdtemp(join(tmpdir(), `shop-package-${stage}-`)));
  await mkdir(work, { recursive: true });
  const dir = join(work, 'package');
  const remove = () => rm(work, { recursive: true, force: true });
  try {
    if (bundlesOf) {
      await mkdir(dir, { recursive: true });
      const zips = (await readdir(bundlesOf.dir)).filter((file) => file.endsWith('.zip'));
      await Promise.all(zips.map((zip) => copyFile(join(bundlesOf.dir, zip), join(dir, zip))));
    }
    // Staging folders, esbuild's work folder and the source maps in folders of this package's own,
    // so two packages at once (two Jest workers) and a developer's own never touch each other.
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      CI: 'true',
      TMPDIR: work,
      SHOP_BUILD_DIR: `.local/package-esbuild-${stage}-${process.pid}`,
      SHOP_SOURCE_MAP_DIR: join(work, 'source-maps'),
      ...(bundlesOf && { SHOP_REUSE_BUNDLES: 'true' }),
    };
    await promisify(execFile)(
      process.execPath,
      [
        join(ROOT, 'node_modules', 'serverless', 'bin', 'serverless.js'),
        'package',
        '--stage',
        stage,
        '--package',
        dir,
      ],
      { cwd: ROOT, env, maxBuffer: 32 * 1024 * 1024 },
    );
    const templateFile = join(dir, TEMPLATE_FILE);
    const template = JSON.parse(await readFile(templateFile, 'utf8')) as CloudFormationTemplate;
    return { template, dir, templateFile, remove };
  } catch (error) {
    if (!givenWork) await remove();
    throw error;
  }
}

const OUTCOME_FILE = 'outcome.json';

/**
 * The stage's package, made once per test run by whichever test file asks first, and shared with
 * the others (the deploy tests and the bench's smoke test both need the dev stage's): the folder
 * is claimed by creating it, so of two Jest workers asking at once one packages and the other
 * waits for its outcome. The run's folder (global-setup.ts) goes at the end of the run.
 */
export async function sharedPackage(stage: string): Promise<PackagedStage> {
  const runDir = process.env.SHOP_TEST_RUN_DIR;
  if (!runDir) throw new Error('SHOP_TEST_RUN_DIR is not set: the integration project sets it');
  const work = join(runDir, `package-${stage}`);
  const outcomeFile = join(work, OUTCOME_FILE);
  const claimed = await mkdir(work).then(
    () => true,
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'EEXIST') return false;
      throw error;
    },
  );
  if (claimed) {
    const outcome = await packageStage(stage, { work }).then(
      () => ({ ok: true }),
      (error: unknown) => ({ ok: false, error: String(error).slice(0, 8000) }),
    );
    // Written whole, then renamed: a waiter never reads half of it.
    await writeFile(`${outcomeFile}.partial`, JSON.stringify(outcome));
    await rename(`${outcomeFile}.partial`, outcomeFile);
  }
  const outcome = await waitForOutcome(outcomeFile);
  if (!outcome.ok) throw new Error(`sls package --stage ${stage} failed: ${outcome.error}`);
  const dir = join(work, 'package');
  const templateFile = join(dir, TEMPLATE_FILE);
  const template = JSON.parse(await readFile(templateFile, 'utf8')) as CloudFormationTemplate;
  return { template, dir, templateFile, remove: () => Promise.resolve() };
}

async function waitForOutcome(file: string): Promise<{ ok: boolean; error?: string }> {
  for (;;) {
    try {
      return JSON.parse(await readFile(file, 'utf8')) as { ok: boolean; error?: string };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      await new Promise((resolveDelay) => setTimeout(resolveDelay, 250));
    }
  }
}
