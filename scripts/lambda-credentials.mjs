// What esbuild bundles in place of @aws-sdk/credential-provider-node (scripts/esbuild-plugins.js):
// a function's credentials are always in its environment (Lambda sets AWS_ACCESS_KEY_ID,
// AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN from its role; the embedded stack sets dummies),
// so the default chain's SSO, STS, INI-file and container providers, and the nested clients they
// bring, are dead weight: a third of every zip.
import { fromEnv } from '@aws-sdk/credential-provider-env';

export const defaultProvider = (init) => fromEnv(init);
