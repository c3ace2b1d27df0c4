import { handler } from '../../../../functions/health/handlers/get-health';
import { httpEvent } from '../../../support/http-event';
import { lambdaContext } from '../../../support/lambda-context';

describe('GET /health', () => {
  it('answers 200 {"status":"ok"}', async () => {
    const response = await handler(
      httpEvent({ routeKey: 'GET /health', rawPath: '/health' }),
      lambdaContext(),
    );

    expect(response.statusCode).toBe(200);
    expect(response.headers).toMatchObject({ 'content-type': 'application/json' });
    expect(JSON.parse(response.body ?? '')).toEqual({ status: 'ok' });
  });
});
