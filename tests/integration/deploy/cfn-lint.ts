import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

/**
 * Runs AWS's CloudFormation linter, `cfn-lint` (Python; not the unrelated npm package of that
 * name), on a template, from the repository's root so that it reads the checked-in
 * .cfnlintrc.yaml (the rules we ignore, each with its reason). It knows what a check of types and
 * property names cannot: circular dependencies (E3004), dependencies stated twice (W3005), values
 * a service refuses.
 */

const ROOT = resolve(__dirname, '..', '..', '..');

export interface LintFinding {
  rule: string;
  message: string;
  location: string;
}

interface CfnLintMatch {
  Rule: { Id: string };
  Message: string;
  Location: { Path?: (string | number)[] | null };
}

export const CFN_LINT_MISSING =
  'cfn-lint is not installed: it is a Python tool, `pip install cfn-lint` (1.x, Python 3.9+) puts ' +
  'it on the PATH (the npm package named cfn-lint is a different, outdated tool). .ci/run checks it.';

/** cfn-lint's version, or undefined when it is not on the PATH. */
export async function cfnLintVersion(): Promise<string | undefined> {
  try {
    const { stdout } = await promisify(execFile)('cfn-lint', ['--version']);
    return stdout.trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Every finding (error, warning or informational) cfn-lint reports on the template file. */
export async function lintTemplate(templateFile: string): Promise<LintFinding[]> {
  // cfn-lint exits non-zero when it finds anything: its JSON on stdout is the answer either way.
  const stdout = await new Promise<string>((done, fail) => {
    execFile(
      'cfn-lint',
      ['--format', 'json', '--', templateFile],
      { cwd: ROOT, maxBuffer: 32 * 1024 * 1024 },
      (error, out, err) => {
        if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') {
          fail(new Error(CFN_LINT_MISSING));
        } else if (error && out.trim() === '') {
          fail(new Error(`cfn-lint failed: ${err || error.message}`));
        } else done(out);
      },
    );
  });
  return (JSON.parse(stdout) as CfnLintMatch[]).map((match) => ({
    rule: match.Rule.Id,
    message: match.Message,
    location: (match.Location.Path ?? []).join('/'),
  }));
}
