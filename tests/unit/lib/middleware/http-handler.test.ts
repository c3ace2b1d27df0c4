import { NotFound } from '../../../../functions/lib/errors';
import {
  ANSWER_BEFORE_TIMEOUT_MS,
  httpHandler,
  json,
} from '../../../../functions/lib/middleware/http-handler';
import { currentCorrelationId } from '../../../../functions/lib/invocation-tags';
import { logger } from '../../../../functions/lib/logger';
import { httpEvent } from '../../../support/http-event';
import { lambdaContext } from '../../../support/lambda-context';

describe('httpHandler', () => {
  // The middleware resets the log level on each invocation: mute by spying.
  let error: jest.SpyInstance;
  beforeEach(() => {
    error = jest.spyOn(logger, 'error').mockImplementation(() => undefined);
  });

  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('serialises the route result as a JSON response', async () => {
    const handler = httpHandler(() => json(201, { id: 'x' }, { location: '/things/x' }));

    await expect(handler(httpEvent(), lambdaContext())).resolves.toEqual({
      statusCode: 201,
      headers: { 'content-type': 'application/json', location: '/things/x' },
      body: '{"id":"x"}',
    });
  });

  it.each([
    [
      'the caller’s plain x-correlation-id',
      { 'x-correlation-id': 'client-req.7:a' },
      'client-req.7:a',
    ],
    ['API Gateway’s request id without one', {}, 'request'],
    [
      'API Gateway’s request id for one too long',
      { 'x-correlation-id': 'x'.repeat(129) },
      'request',
    ],
    [
      'API Gateway’s request id for one with odd characters',
      { 'x-correlation-id': 'a b\n{}' },
      'request',
    ],
  ])('puts %s on the request’s log lines', async (_, headers, expected) => {
    let seen: string | undefined;
    const handler = httpHandler(() => {
      seen = currentCorrelationId();
      return json(200, {});
    });

    await handler(httpEvent({ headers }), lambdaContext());

    expect(seen).toBe(expected);
  });

  it('answers a domain error with its contract status and error body', async () => {
    const handler = httpHandler(() => {
      throw new NotFound('Order not found');
    });

    const response = await handler(httpEvent(), lambdaContext());

    expect(response.statusCode).toBe(404);
    expect(JSON.parse(response.body ?? '')).toEqual({
      error: { code: 'NOT_FOUND', message: 'Order not found' },
    });
  });

  it('answers an unexpected error with a generic 500', async () => {
    const handler = httpHandler(() => {
      throw new Error('connection refused to 10.0.0.1');
    });

    const response = await handler(httpEvent(), lambdaContext());

    expect(response).toMatchObject({
      statusCode: 500,
      headers: { 'content-type': 'application/json' },
    });
    expect(JSON.parse(response.body ?? '')).toEqual({
      error: { code: 'INTERNAL', message: 'Internal server error' },
    });
    expect(error).toHaveBeenCalledWith('Unhandled error', expect.any(Error));
  });

  it('answers 503 UNAVAILABLE with Retry-After, never a 2xx, when the route runs out of time', async () => {
    let finish = (): void => undefined;
    const handler = httpHandler(
      () => new Promise((resolve) => (finish = () => resolve(json(201, { id: 'late' })))),
    );
    const context = {
      ...lambdaContext(),
      getRemainingTimeInMillis: () => ANSWER_BEFORE_TIMEOUT_MS + 20,
    };

    const response = await handler(httpEvent(), context);
    finish();

    expect(response).toEqual({
      statusCode: 503,
      headers: { 'content-type': 'application/json', 'retry-after': '2' },
      body: expect.any(String) as string,
    });
    expect(JSON.parse(response.body ?? '')).toEqual({
      error: {
        code: 'UNAVAILABLE',
        message: 'The shop could not finish the request in time; try again later',
      },
    });
  });

  it('answers a route that ends in time as usual', async () => {
    const handler = httpHandler(async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      return json(200, { id: 'in-time' });
    });
    const context = {
      ...lambdaContext(),
      getRemainingTimeInMillis: () => ANSWER_BEFORE_TIMEOUT_MS + 500,
    };

    await expect(handler(httpEvent(), context)).resolves.toMatchObject({ statusCode: 200 });
  });
});
