import type { LibraryEvent } from './library-types';

/**
 * The `$$.State` part of the context object (Name, EnteredTime, RetryCount), which
 * aws-local-stepfunctions does not keep. The library spreads the context it is given into a new
 * object once per run, so this object is shared by reference and kept current from the
 * synchronously dispatched events: a Parameters path like `$$.State.RetryCount` reads the
 * attempt under way, as on AWS.
 */
export interface StateContext {
  Name: string;
  EnteredTime: string;
  RetryCount: number;
}

export const newStateContext = (): StateContext => ({ Name: '', EnteredTime: '', RetryCount: 0 });

export const trackState = (state: StateContext, event: LibraryEvent): void => {
  if (event.type === 'StateEntered') {
    state.Name = event.state.name;
    state.EnteredTime = new Date(event.timestamp).toISOString();
    state.RetryCount = 0;
  } else if (event.type === 'StateRetried') {
    state.RetryCount += 1;
  }
};
