'use strict';
/**
 * A local Serverless plugin: after `sls deploy`, uploads the web console (web/dist, built by Vite)
 * to the stack's ConsoleBucket, writes its /config.json with the HTTP API's URL, and invalidates
 * the pages CloudFront must not keep. It uses the framework's own AWS client (provider.request),
 * so the deploy needs no other tool or credentials than `sls deploy` itself. Plain JavaScript:
 * the framework loads plugins with require().
 */
const { execFileSync } = require('node:child_process');
const { readdirSync, readFileSync, statSync } = require('node:fs');
const { dirname, extname, join, relative, resolve } = require('node:path');

const ROOT = resolve(__dirname, '..');
const DIST = join(ROOT, 'web', 'dist');
const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

const filesUnder = (dir) =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });

class ConsoleDeploy {
  constructor(serverless, _options, { log }) {
    this.serverless = serverless;
    this.provider = serverless.getProvider('aws');
    this.log = log;
    this.hooks = { 'after:deploy:deploy': () => this.deployConsole() };
  }

  async outputs() {
    const stackName = this.provider.naming.getStackName();
    const { Stacks } = await this.provider.request('CloudFormation', 'describeStacks', {
      StackName: stackName,
    });
    const outputs = Object.fromEntries(
      (Stacks[0].Outputs ?? []).map((output) => [output.OutputKey, output.OutputValue]),
    );
    for (const key of ['HttpApiUrl', 'ConsoleBucketName', 'ConsoleDistributionId', 'ConsoleUrl'])
      if (!outputs[key]) throw new Error(`Stack ${stackName} has no output ${key}`);
    return outputs;
  }

  async deployConsole() {
    const outputs = await this.outputs();
    execFileSync(
      process.execPath,
      [join(dirname(require.resolve('vite/package.json')), 'bin', 'vite.js'), 'build', 'web'],
      { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } },
    );
    const upload = (Key, Body, ContentType, CacheControl) =>
      this.provider.request('S3', 'putObject', {
        Bucket: outputs.ConsoleBucketName,
        Key,
        Body,
        ContentType,
        CacheControl,
      });
    const files = filesUnder(DIST).filter(
      (file) => !['config.json', '.sources-hash'].includes(relative(DIST, file)),
    );
    for (const file of files) {
      const key = relative(DIST, file).split('\\').join('/');
      // Vite names assets by content hash: immutable. Pages are revalidated on every visit.
      const cache = key.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
      await upload(
        key,
        readFileSync(file),
        CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
        cache,
      );
    }
    const config = {
      apiUrl: outputs.HttpApiUrl,
      stage: this.provider.getStage(),
      // A deployed stage never honours X-Fault-Injection (serverless.yml params).
      faultInjection: false,
    };
    await upload('config.json', JSON.stringify(config), CONTENT_TYPES['.json'], 'no-store');
    await this.provider.request('CloudFront', 'createInvalidation', {
      DistributionId: outputs.ConsoleDistributionId,
      InvalidationBatch: {
        CallerReference: `console-${Date.now()}`,
        Paths: { Quantity: 2, Items: ['/index.html', '/config.json'] },
      },
    });
    this.log.notice(`Console: ${outputs.ConsoleUrl} (${files.length + 1} files uploaded)`);
  }
}

module.exports = ConsoleDeploy;
