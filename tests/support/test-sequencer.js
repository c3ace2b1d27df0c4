// Jest's own order (files that failed last time first, then the slowest first, by the timings of
// the last run or else by file size), with the 200-order burst moved to the end. Started beside
// the static checks and the packaging of the dev stage (which `npm test` runs at the start), its
// requests time out and are retried with their keys, work done twice on CPUs that were already
// full: in fresh-clone runs that made the whole suite slower, and once failed the test.
const Sequencer = require('@jest/test-sequencer').default;

const RUN_LAST = ['/tests/e2e/orders/concurrent-orders.test.ts'];

class LoadLastSequencer extends Sequencer {
  sort(tests) {
    const sorted = super.sort(tests);
    const isLast = (test) => RUN_LAST.some((suffix) => test.path.endsWith(suffix));
    return [...sorted.filter((test) => !isLast(test)), ...sorted.filter(isLast)];
  }
}

module.exports = LoadLastSequencer;
