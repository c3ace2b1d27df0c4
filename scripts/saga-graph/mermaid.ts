// The saga's state machine as a Mermaid flowchart, read from the ASL file itself so the picture
// can never drift from what runs. One order's path can be drawn over it.

interface AslState {
  Type: string;
  Next?: string;
  End?: boolean;
  Default?: string;
  Choices?: { Next: string }[];
  Retry?: { ErrorEquals: string[]; MaxAttempts?: number }[];
  Catch?: { ErrorEquals: string[]; Next: string }[];
}

export interface AslDefinition {
  StartAt: string;
  States: Record<string, AslState>;
}

/** What one execution did in each state it entered (a SagaTrace's steps, in order). */
export interface PathStep {
  state: string;
  status: 'SUCCEEDED' | 'FAILED' | 'CAUGHT' | 'RETRIED';
}

interface Edge {
  from: string;
  to: string;
  dashed: boolean;
}

const START = 'Start';

function edgesOf(definition: AslDefinition): Edge[] {
  const edges: Edge[] = [{ from: START, to: definition.StartAt, dashed: false }];
  for (const [name, state] of Object.entries(definition.States)) {
    const nexts = [
      state.Next,
      ...(state.Choices ?? []).map((choice) => choice.Next),
      state.Default,
    ];
    for (const to of new Set(nexts)) if (to) edges.push({ from: name, to, dashed: false });
    // Dashed: where an error the step could not retry away goes (its Catch).
    for (const catcher of state.Catch ?? [])
      edges.push({ from: name, to: catcher.Next, dashed: true });
  }
  return edges;
}

function nodeOf(name: string, state: AslState): string {
  const retries = state.Retry?.reduce((sum, retrier) => sum + (retrier.MaxAttempts ?? 3), 0);
  const label = retries ? `${name}<br/><small>retry ×${retries}</small>` : name;
  if (state.Type === 'Succeed') return `  ${name}(["${label}"])`;
  if (state.Type === 'Fail') return `  ${name}{{"${label}"}}`;
  if (state.Type === 'Choice') return `  ${name}{"${label}"}`;
  return `  ${name}["${label}"]`;
}

/**
 * A top-down flowchart: forward steps and their happy end, the undo chain entered by the dashed
 * catch edges, and the failure end. With `path`, the states and transitions one order went
 * through are coloured by what happened there.
 */
export function sagaMermaid(definition: AslDefinition, path: PathStep[] = []): string {
  const edges = edgesOf(definition);
  const lines = ['flowchart TD', `  ${START}((start))`];
  for (const [name, state] of Object.entries(definition.States)) lines.push(nodeOf(name, state));
  edges.forEach((edge) => {
    lines.push(`  ${edge.from} ${edge.dashed ? '-.->' : '-->'} ${edge.to}`);
  });
  if (path.length > 0) lines.push(...highlight(edges, path));
  return `${lines.join('\n')}\n`;
}

function highlight(edges: Edge[], path: PathStep[]): string[] {
  const lines = [
    '  classDef passed fill:#dcfce7,stroke:#16a34a,stroke-width:2px',
    '  classDef caught fill:#ffedd5,stroke:#ea580c,stroke-width:2px',
    '  classDef failed fill:#fee2e2,stroke:#dc2626,stroke-width:2px',
  ];
  const outcome = new Map<string, string>();
  for (const step of path) {
    // A retried attempt is followed by another attempt in the same state: the last one decides.
    if (step.status === 'RETRIED') continue;
    outcome.set(
      step.state,
      step.status === 'SUCCEEDED' ? 'passed' : step.status === 'CAUGHT' ? 'caught' : 'failed',
    );
  }
  for (const [state, className] of outcome) lines.push(`  class ${state} ${className}`);

  const visited = [START, ...path.map((step) => step.state)].filter(
    (state, index, all) => index === 0 || state !== all[index - 1],
  );
  const taken = new Set<number>();
  for (let index = 1; index < visited.length; index++) {
    const edge = edges.findIndex(
      (candidate) => candidate.from === visited[index - 1] && candidate.to === visited[index],
    );
    if (edge >= 0) taken.add(edge);
  }
  for (const edge of taken) lines.push(`  linkStyle ${edge} stroke:#16a34a,stroke-width:3px`);
  return lines;
}
