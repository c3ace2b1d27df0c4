import { faultDue, parseFaultHeader } from '../../../../functions/lib/middleware/fault-injection';

describe('X-Fault-Injection', () => {
  it('reads one or more <step>=<fault> pairs', () => {
    expect(parseFaultHeader('ReserveStock=error')).toEqual({ ReserveStock: 'error' });
    expect(parseFaultHeader(' BookDelivery=error-once , CancelDelivery=error ')).toEqual({
      BookDelivery: 'error-once',
      CancelDelivery: 'error',
    });
  });

  it.each(['Nope=error', 'ReserveStock=explode', 'ReserveStock', 'ReserveStock=error=x', '=error'])(
    'refuses %p with VALIDATION_FAILED naming the header',
    (header) => {
      expect(() => parseFaultHeader(header)).toThrow(
        expect.objectContaining({
          name: 'ValidationFailed',
          details: [expect.objectContaining({ field: 'X-Fault-Injection' })],
        }) as Error,
      );
    },
  );

  it('fails a step with `error` on every attempt and with `error-once` on the first only', () => {
    const plan = parseFaultHeader('ReserveStock=error,BookDelivery=error-once');

    expect([0, 1, 2].map((attempt) => faultDue(plan, 'ReserveStock', attempt))).toEqual([
      true,
      true,
      true,
    ]);
    expect([0, 1, 2].map((attempt) => faultDue(plan, 'BookDelivery', attempt))).toEqual([
      true,
      false,
      false,
    ]);
    expect(faultDue(plan, 'ReservePayment', 0)).toBe(false);
    expect(faultDue(undefined, 'ReservePayment', 0)).toBe(false);
  });
});
