import { NotFound, Unavailable, ValidationFailed } from '../../../../functions/lib/errors';
import { DuplicateOrder } from '../../../../functions/orders/domain/errors';
import { httpErrorTable, toHttpError } from '../../../../functions/lib/middleware/http-errors';
import { logger } from '../../../../functions/lib/logger';

describe('toHttpError', () => {
  beforeEach(() => {
    logger.setLogLevel('SILENT');
  });

  it('maps a domain error by its name to the contract status and code', () => {
    expect(toHttpError(new NotFound('Order not found'))).toEqual({
      statusCode: 404,
      body: { error: { code: 'NOT_FOUND', message: 'Order not found' } },
    });
  });

  it('carries the details of a validation failure', () => {
    const details = [{ path: ['amount'], message: 'too small' }];

    expect(toHttpError(new ValidationFailed('Invalid request', { details }))).toEqual({
      statusCode: 400,
      body: { error: { code: 'VALIDATION_FAILED', message: 'Invalid request', details } },
    });
  });

  it('maps an error defined in any context by its name and puts its extras beside the error', () => {
    const order = { orderId: 'o-1' };

    expect(toHttpError(new DuplicateOrder('Duplicate order', { extras: { order } }))).toEqual({
      statusCode: 409,
      body: { error: { code: 'DUPLICATE_ORDER', message: 'Duplicate order' }, order },
    });
  });

  it('maps every class in the table to a 4xx status but Unavailable', () => {
    for (const [ErrorClass, mapping] of httpErrorTable) {
      if (ErrorClass === Unavailable) continue;
      const error = new ErrorClass('x');
      expect(toHttpError(error)).toMatchObject({
        statusCode: mapping.status,
        body: { error: { code: mapping.code } },
      });
      expect(mapping.status).toBeGreaterThanOrEqual(400);
      expect(mapping.status).toBeLessThan(500);
    }
  });

  it('maps by class, not by name: a look-alike of another class is an unknown error', () => {
    const lookAlike = Object.assign(new Error('x'), { name: 'NotFound' });

    expect(toHttpError(lookAlike).statusCode).toBe(500);
  });

  it('maps Unavailable to 503 UNAVAILABLE with Retry-After', () => {
    expect(toHttpError(new Unavailable('Try later'))).toEqual({
      statusCode: 503,
      headers: { 'retry-after': '2' },
      body: { error: { code: 'UNAVAILABLE', message: 'Try later' } },
    });
  });

  it('answers an unknown error with a generic 500 that reveals nothing, and logs it', () => {
    const logged = jest.spyOn(logger, 'error');
    const secret = new TypeError('Cannot read properties of undefined (table shop-prod-orders)');

    const answer = toHttpError(secret);

    expect(answer).toEqual({
      statusCode: 500,
      body: { error: { code: 'INTERNAL', message: 'Internal server error' } },
    });
    expect(JSON.stringify(answer)).not.toContain('shop-prod-orders');
    expect(logged).toHaveBeenCalledWith('Unhandled error', secret);
    logged.mockRestore();
  });

  it('answers an error named like an inherited Object property with a 500', () => {
    expect(toHttpError(Object.assign(new Error('x'), { name: 'constructor' })).statusCode).toBe(
      500,
    );
    expect(toHttpError('a thrown string').statusCode).toBe(500);
  });
});
