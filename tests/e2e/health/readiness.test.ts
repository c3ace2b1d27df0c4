import { api } from '../../support/http-client';

jest.setTimeout(30_000);

describe('GET /health/ready', () => {
  it('answers 200 ready with every dependency checked once the stack is up', async () => {
    const response = await api.get<{ status: string; checks: Record<string, string> }>(
      '/health/ready',
    );

    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      status: 'ready',
      checks: {
        eventsTopic: 'ok',
        identityProvider: 'ok',
        stateMachine: 'ok',
        'table:catalog': 'ok',
        'table:delivery': 'ok',
        'table:inventory': 'ok',
        'table:notifications': 'ok',
        'table:orders': 'ok',
        'table:payments': 'ok',
        'table:users': 'ok',
      },
    });
  });
});
