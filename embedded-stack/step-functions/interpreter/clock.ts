/**
 * Time as the interpreter sees it. Wait states, Retry intervals and TimeoutSeconds
 * go through a Clock, so tests can scale them down (a scale of 0.001 turns a 4 s
 * backoff into 4 ms) without changing the state machine. Intervals (Wait, Retry) and
 * timeouts (a Task's or the machine's TimeoutSeconds) scale apart: a stack that only
 * wants its failure paths not to wait out real backoff keeps real timeouts, so a
 * slow handler on a busy machine is not timed out by a scaled-down 30 s.
 */
import { abortReason } from './errors';

export interface Clock {
  now(): Date;
  /**
   * Waits `seconds` of state-machine time, a Wait's or Retry's interval or (`kind` 'timeout') a
   * TimeoutSeconds; rejects with the signal's reason when aborted.
   */
  sleep(seconds: number, signal: AbortSignal, kind?: SleepKind): Promise<void>;
}

export type SleepKind = 'interval' | 'timeout';

export const scaledClock = (timeScale = 1, timeoutScale = timeScale): Clock => ({
  now: () => new Date(),
  sleep: (seconds, signal, kind = 'interval') =>
    new Promise<void>((resolve, reject) => {
      if (signal.aborted) {
        reject(abortReason(signal));
        return;
      }
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(abortReason(signal));
      };
      const timer = setTimeout(
        () => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        },
        seconds * 1000 * (kind === 'timeout' ? timeoutScale : timeScale),
      );
      signal.addEventListener('abort', onAbort, { once: true });
    }),
});
