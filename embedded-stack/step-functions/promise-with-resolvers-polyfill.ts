// aws-local-stepfunctions calls Promise.withResolvers (ES2024, Node 22) in every
// Task state. Node 20 lacks it, and the resulting TypeError is caught like a task
// failure, so without this every Task would silently take its Catch path.
// This module must be imported before anything runs a state machine.

interface Resolvers<T> {
  promise: Promise<T>;
  resolve: (value: T | PromiseLike<T>) => void;
  reject: (reason?: unknown) => void;
}

function withResolvers<T>(): Resolvers<T> {
  let resolve: Resolvers<T>['resolve'] = () => undefined;
  let reject: Resolvers<T>['reject'] = () => undefined;
  const promise = new Promise<T>((onResolve, onReject) => {
    resolve = onResolve;
    reject = onReject;
  });
  return { promise, resolve, reject };
}

if (typeof Reflect.get(Promise, 'withResolvers') !== 'function') {
  Object.defineProperty(Promise, 'withResolvers', {
    value: withResolvers,
    writable: true,
    configurable: true,
  });
}

export {};
