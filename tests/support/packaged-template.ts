import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
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
  /** Removes the folder: call it once the stage's tests are done. */
  remove: () => Promise<void>;
}

export const TEMPLATE_FILE = 'cloudformation-template-update-stack.json';

/**
 * Runs `sls package` for a stage into a fresh folder, with no AWS credentials at all, and returns
 * the CloudFormation template it wrote, with the folder (kept until `remove`).
 */
export async function packageStage(stage: string): Promise<PackagedStage> {
  const work = await mkdtemp(join(tmpdir(), `shop-package-${stage}-`));
  const dir = join(work, 'package');
  // serverless-esbuild leaves its zip staging folders in the temp dir: keep them in ours.
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    CI: 'true',
    TMPDIR: work,
  };
  const remove = () => rm(work, { recursive: true, force: true });
  try {
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
    await remove();
    throw error;
  }
}
