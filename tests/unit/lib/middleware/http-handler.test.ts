import { NotFound } from '../../../../functions/lib/errors';
import { httpHandler, json } from '../../../../functions/lib/middleware/http-handler';
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
});
