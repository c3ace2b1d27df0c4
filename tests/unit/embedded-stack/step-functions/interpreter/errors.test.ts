import {
  errorMatches,
  StatesError,
  toStatesError,
} from '../../../../../embedded-stack/step-functions/interpreter/errors';

describe('errorMatches', () => {
  it('matches a name exactly, and States.ALL matches every error', () => {
    expect(errorMatches(['PaymentDeclined'], 'PaymentDeclined')).toBe(true);
    expect(errorMatches(['PaymentDeclined'], 'OutOfStock')).toBe(false);
    expect(errorMatches(['States.ALL'], 'States.Timeout')).toBe(true);
  });

  it('lets States.TaskFailed match any error but States.Timeout', () => {
    expect(errorMatches(['States.TaskFailed'], 'Lambda.ServiceException')).toBe(true);
    expect(errorMatches(['States.TaskFailed'], 'States.Timeout')).toBe(false);
  });
});

describe('toStatesError', () => {
  it('takes the error name and message of a thrown Error', () => {
    class OutOfStock extends Error {
      override name = 'OutOfStock';
    }
    expect(toStatesError(new OutOfStock('sku-1'))).toMatchObject({
      error: 'OutOfStock',
      cause: 'sku-1',
    });
    expect(toStatesError(new StatesError('X', 'y'))).toMatchObject({ error: 'X', cause: 'y' });
    expect(toStatesError('text')).toMatchObject({ error: 'Error', cause: 'text' });
  });
});
