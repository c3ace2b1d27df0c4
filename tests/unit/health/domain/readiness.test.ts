import { checkReadiness, DependencyNotReady } from '../../../../functions/health/domain/readiness';

const named = (name: string) => Object.assign(new Error(`${name}: secret-ish details`), { name });

describe('readiness', () => {
  it('is ready when every probe answers', async () => {
    const report = await checkReadiness(
      { 'table:orders': () => Promise.resolve(), stateMachine: () => Promise.resolve() },
      1000,
    );

    expect(report).toEqual({ ready: true, checks: { stateMachine: 'ok', 'table:orders': 'ok' } });
  });

  it('names each failing check with a short reason and never an error message', async () => {
    const report = await checkReadiness(
      {
        'table:orders': () => Promise.reject(named('ResourceNotFoundException')),
        identityProvider: () => Promise.reject(new TypeError('fetch failed http://10.0.0.1')),
        stateMachine: () => Promise.reject(new DependencyNotReady('state machine DELETING')),
        eventsTopic: () => Promise.resolve(),
      },
      1000,
    );

    expect(report).toEqual({
      ready: false,
      checks: {
        eventsTopic: 'ok',
        identityProvider: 'unreachable',
        stateMachine: 'state machine DELETING',
        'table:orders': 'ResourceNotFoundException',
      },
    });
  });

  it('fails a probe that does not answer within the deadline', async () => {
    const report = await checkReadiness({ eventsTopic: () => new Promise<void>(() => {}) }, 20);

    expect(report).toEqual({ ready: false, checks: { eventsTopic: 'no answer within 20 ms' } });
  });
});
