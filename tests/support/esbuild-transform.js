// Jest transformer: TypeScript (and middy's ESM) to CommonJS with esbuild, which the project
// already uses to bundle its functions. Type checking is `npm run typecheck`'s job.
const { transformSync } = require('esbuild');

module.exports = {
  process(source, path) {
    const { code, map } = transformSync(source, {
      loader: path.endsWith('.ts') ? 'ts' : 'js',
      format: 'cjs',
      target: `node${process.versions.node}`,
      sourcemap: 'external',
      sourcefile: path,
    });
    return { code, map };
  },
};
