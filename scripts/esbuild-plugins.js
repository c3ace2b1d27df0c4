// esbuild plugins of serverless-esbuild (serverless.yml custom.esbuild.plugins). Plain CommonJS:
// the plugin requires this file as it is, before any TypeScript loader exists.
const { existsSync, mkdirSync, renameSync } = require('node:fs');
const { basename, join, resolve } = require('node:path');

// SHOP_SOURCE_MAP_DIR: where a packaging run of its own (the bench's) keeps its maps instead.
const SOURCE_MAP_DIR = resolve(__dirname, '..', process.env.SHOP_SOURCE_MAP_DIR || '.source-maps');

/**
 * Moves each bundle's external source map out of the folder serverless-esbuild zips, into
 * .source-maps/<path of the bundle>.map: the zip carries no map (it is most of the bytes, and Node
 * with --enable-source-maps would read and parse it at every cold start), and the maps of the last
 * package stay here to map a logged stack trace back (`npm run stack-trace`).
 */
const sourceMapsAside = {
  name: 'source-maps-aside',
  setup(build) {
    build.onEnd(() => {
      const { outdir, entryPoints } = build.initialOptions;
      if (!outdir || !Array.isArray(entryPoints)) return;
      // serverless-esbuild builds each function into <work folder>/.build/<folder of its handler>,
      // several functions into one folder at once: each build moves only its own bundle's map.
      const marker = join('.build', '');
      const at = outdir.lastIndexOf(marker);
      const target = join(
        SOURCE_MAP_DIR,
        at === -1 ? basename(outdir) : outdir.slice(at + marker.length),
      );
      for (const entry of entryPoints) {
        const map = `${basename(String(entry)).replace(/\.[cm]?[jt]s$/, '')}.js.map`;
        if (!existsSync(join(outdir, map))) continue;
        mkdirSync(target, { recursive: true });
        renameSync(join(outdir, map), join(target, map));
      }
    });
  },
};

/**
 * Bundles scripts/lambda-credentials.mjs (credentials from the environment only) where every AWS
 * SDK client imports its default credential chain: 80 KB less in each zip (gzip, measured on
 * getHealth), which Powertools Tracer's X-Ray SDK then fits into.
 */
const credentialsFromEnvironment = {
  name: 'credentials-from-environment',
  setup(build) {
    build.onResolve({ filter: /^@aws-sdk\/credential-provider-node$/ }, () => ({
      path: resolve(__dirname, 'lambda-credentials.mjs'),
    }));
  },
};

module.exports = [sourceMapsAside, credentialsFromEnvironment];
