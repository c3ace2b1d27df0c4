import { readFileSync } from 'node:fs';
import { TEST_STACK_FILE, TEST_STACK_LOG, type StackDetails } from '../../support/test-stack';

// A first request to each handler is a cold start; on a busy machine that takes seconds.
jest.setTimeout(30_000);

// What `npm start` (here: the suite's own stack, started the same way) tells a developer about
// identities: cognito-local's URL, the pool and client the functions use, the admin account.
const stack = JSON.parse(readFileSync(TEST_STACK_FILE, 'utf8')) as StackDetails;

describe('the embedded stack: identities', () => {
  it('prints the Cognito URL and the admin credentials in its banner', () => {
    const banner = readFileSync(TEST_STACK_LOG, 'utf8');

    expect(banner).toContain(`Cognito          ${stack.cognitoUrl}`);
    expect(banner).toContain(`${stack.admin.email} / ${stack.admin.password}`);
  });

  it('serves the pool and app client the functions are configured with', () => {
    expect(stack.userPoolId).toBe(process.env.COGNITO_USER_POOL_ID);
    expect(stack.userPoolClientId).toBe(process.env.COGNITO_CLIENT_ID);
    expect(process.env.AUTH_ISSUER).toBe(`${stack.cognitoUrl}/${stack.userPoolId}`);
  });

  it('publishes the signing keys at the issuer, where the handlers fetch them', async () => {
    const response = await fetch(`${process.env.AUTH_ISSUER}/.well-known/jwks.json`);

    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ keys: [{ kid: 'CognitoLocal', alg: 'RS256' }] });
  });
});
