import type { HistoryRecorder } from './history-recorder';

export interface LambdaAttempt {
  succeeded(output: string): void;
  failed(error: string, cause: string): void;
}

const NO_DATA_TRUNCATED = { truncated: false };

/**
 * The Lambda events of each Task attempt. An attempt ends exactly once: when
 * the state machine times the task out first, the handler's late answer is not
 * recorded, as on AWS where the invocation result no longer matters.
 */
export class LambdaAttempts {
  private readonly openByState = new Map<string, symbol>();

  constructor(private readonly history: HistoryRecorder) {}

  start(stateName: string, resource: string, input: string): LambdaAttempt {
    const attempt = Symbol(stateName);
    this.openByState.set(stateName, attempt);
    this.history.append('LambdaFunctionScheduled', {
      key: 'lambdaFunctionScheduledEventDetails',
      value: { resource, input, inputDetails: NO_DATA_TRUNCATED },
    });
    this.history.append('LambdaFunctionStarted');
    return {
      succeeded: (output) => {
        if (!this.end(stateName, attempt)) return;
        this.history.append('LambdaFunctionSucceeded', {
          key: 'lambdaFunctionSucceededEventDetails',
          value: { output, outputDetails: NO_DATA_TRUNCATED },
        });
      },
      failed: (error, cause) => {
        if (!this.end(stateName, attempt)) return;
        this.history.append('LambdaFunctionFailed', {
          key: 'lambdaFunctionFailedEventDetails',
          value: { error, cause },
        });
      },
    };
  }

  timedOut(stateName: string, error: string, cause: string | undefined): void {
    const attempt = this.openByState.get(stateName);
    if (attempt === undefined || !this.end(stateName, attempt)) return;
    this.history.append('LambdaFunctionTimedOut', {
      key: 'lambdaFunctionTimedOutEventDetails',
      value: { error, cause },
    });
  }

  private end(stateName: string, attempt: symbol): boolean {
    if (this.openByState.get(stateName) !== attempt) return false;
    this.openByState.delete(stateName);
    return true;
  }
}
