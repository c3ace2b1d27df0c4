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

  const firstRun = (attempt: number) => ({ attempt, redriveCount: 0 });

  it('fails a step with `error` on every attempt and with `error-once` on the first only', () => {
    const plan = parseFaultHeader('ReserveStock=error,BookDelivery=error-once');

    expect([0, 1, 2].map((attempt) => faultDue(plan, 'ReserveStock', firstRun(attempt)))).toEqual([
      true,
      true,
      true,
    ]);
    expect([0, 1, 2].map((attempt) => faultDue(plan, 'BookDelivery', firstRun(attempt)))).toEqual([
      true,
      false,
      false,
    ]);
    expect(faultDue(plan, 'ReservePayment', firstRun(0))).toBe(false);
    expect(faultDue(undefined, 'ReservePayment', firstRun(0))).toBe(false);
  });

  it('fails a step with `error-until-redrive` on every attempt until the execution is redriven', () => {
    const plan = parseFaultHeader('ReleaseStock=error-until-redrive');

    expect([0, 1, 4].map((attempt) => faultDue(plan, 'ReleaseStock', firstRun(attempt)))).toEqual([
      true,
      true,
      true,
    ]);
    expect(faultDue(plan, 'ReleaseStock', { attempt: 0, redriveCount: 1 })).toBe(false);
    expect(faultDue(plan, 'ReleaseStock', { attempt: 2, redriveCount: 3 })).toBe(false);
  });
});
