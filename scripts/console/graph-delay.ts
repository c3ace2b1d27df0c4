import type { Page } from 'playwright-core';

/**
 * How long after a saga step ended the console's graph showed it: the page records when each
 * step's node changed outcome (polled every frame, wall-clock time), and the
 * SagaTrace says when each step ended (Step Functions' own event timestamps, same machine).
 */
export async function recordOutcomeChanges(page: Page): Promise<void> {
  // Polled every animation frame: a node may appear with its outcome already set (no mutation).
  await page.evaluate(`(() => {
    window.__outcomeSeen = {};
    const look = () => {
      for (const node of document.querySelectorAll('[data-outcome]')) {
        const outcome = node.getAttribute('data-outcome');
        const state = (node.getAttribute('data-testid') ?? '').replace(/^step-/, '');
        if (outcome !== 'not-entered' && outcome !== 'running') window.__outcomeSeen[state] ??= Date.now();
      }
      requestAnimationFrame(look);
    };
    look();
  })()`);
}

export const outcomeChanges = (page: Page): Promise<Record<string, number>> =>
  page.evaluate<Record<string, number>>('window.__outcomeSeen');

/**
 * Per step that ended while the page watched (after `watchingSince`, the graph's first drawing:
 * a step ended before it says nothing about the polling): milliseconds from its end to the graph
 * showing it.
 */
export function delays(
  seen: Record<string, number>,
  steps: { state: string; endedAt?: string | undefined }[],
  watchingSince: number,
): number[] {
  const endedAt = new Map<string, number>();
  for (const step of steps) if (step.endedAt) endedAt.set(step.state, Date.parse(step.endedAt));
  return Object.entries(seen).flatMap(([state, at]) => {
    const ended = endedAt.get(state);
    return ended === undefined || ended < watchingSince ? [] : [at - ended];
  });
}
