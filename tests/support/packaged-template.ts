import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const ROOT = resolve(__dirname, '..', '..');

export interface CloudFormationTemplate {
  Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }>;
  Outputs?: Record<string, unknown>;
}

/**
 * Runs `sls package` for a stage into a fresh folder, with no AWS credentials at all, and returns
 * the CloudFormation template it wrote.
 */
export async function packageStage(stage: string): Promise<{ template: CloudFormationTemplate }> {
  const work = await mkdtemp(join(tmpdir(), `shop-package-${stage}-`));
  const dir = join(work, 'package');
  // serverless-esbuild leaves its zip staging folders in the temp dir: keep them in ours.
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    CI: 'true',
    TMPDIR: work,
  };
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
    const template = JSON.parse(
      await readFile(join(dir, 'cloudformation-template-update-stack.json'), 'utf8'),
    ) as CloudFormationTemplate;
    return { template };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
