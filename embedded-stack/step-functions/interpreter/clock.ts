/**
 * Time as the interpreter sees it. Wait states, Retry intervals and TimeoutSeconds
 * go through a Clock, so tests can scale them down (a scale of 0.001 turns a 4 s
 * backoff into 4 ms) without changing the state machine.
 */
import { abortReason } from './errors';

export interface Clock {
  now(): Date;
  /** Waits `seconds` of state-machine time; rejects with the signal's reason when aborted. */
  sleep(seconds: number, signal: AbortSignal): Promise<void>;
}

export const scaledClock = (timeScale = 1): Clock => ({
  now: () => new Date(),
  sleep: (seconds, signal) =>
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
        seconds * 1000 * timeScale,
      );
      signal.addEventListener('abort', onAbort, { once: true });
    }),
});
