import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import ELK from 'elkjs/lib/elk.bundled.js';
import { parse } from 'yaml';
import {
  crossings,
  executionPath,
  layoutSaga,
  overlaps,
  sagaGraph,
  sagaSvg,
  type AslDefinition,
  type TraceStep,
} from '../../../web/src/saga-graph';

const definition = parse(
  readFileSync(resolve(__dirname, '../../../statemachines/order-saga.asl.yml'), 'utf8'),
  { merge: true },
) as AslDefinition;

const FORWARD = [
  'ReservePayment',
  'ReserveStock',
  'BookDelivery',
  'CapturePayment',
  'ConfirmOrder',
];
const UNDO = ['CancelDelivery', 'ReleaseStock', 'ReleasePayment', 'CancelOrder'];

const step = (state: string, status: TraceStep['status'], error?: string): TraceStep => ({
  state,
  type: 'Task',
  status,
  startedAt: '2026-01-01T00:00:00.000Z',
  endedAt: '2026-01-01T00:00:00.250Z',
  ...(error ? { error } : {}),
});

describe('the saga graph of the ASL file', () => {
  const graph = sagaGraph(definition);
  const columnOf = (id: string) => graph.nodes.find((node) => node.id === id)?.column;

  it('puts the forward steps in one column, the undo steps in another', () => {
    expect(FORWARD.map(columnOf)).toEqual(FORWARD.map(() => 'forward'));
    expect(UNDO.map(columnOf)).toEqual(UNDO.map(() => 'undo'));
    expect(columnOf('OrderConfirmed')).toBe('forward');
    expect(columnOf('NewOrStuck')).toBe('forward');
  });

  it('tells Catch edges from Next edges', () => {
    const kinds = new Map(graph.edges.map((edge) => [edge.id, edge.kind]));
    expect(kinds.get('BookDelivery-catch->CancelDelivery')).toBe('catch');
    expect(kinds.get('BookDelivery->CapturePayment')).toBe('next');
    expect(kinds.get('CancelDelivery->ReleaseStock')).toBe('next');
  });

  it('is laid out by ELK with no two steps overlapping, forward steps left of the undo steps', async () => {
    const layout = await layoutSaga(new ELK(), graph);
    const overlapping = layout.nodes.flatMap((a) =>
      layout.nodes.filter((b) => a !== b && overlaps(a, b)).map((b) => `${a.id}/${b.id}`),
    );
    expect(overlapping).toEqual([]);
    const x = (id: string) => layout.nodes.find((node) => node.id === id)?.x ?? NaN;
    const rightmostForward = Math.max(...FORWARD.map(x));
    for (const id of UNDO) expect(x(id)).toBeGreaterThan(rightmostForward);
    const ys = FORWARD.map((id) => layout.nodes.find((node) => node.id === id)?.y ?? NaN);
    expect(ys).toEqual([...ys].sort((a, b) => a - b));
    for (const edge of layout.edges) expect(edge.points.length).toBeGreaterThanOrEqual(2);
  });

  it('draws the undo chain beside the forward steps, running back up as in the design', async () => {
    const layout = await layoutSaga(new ELK(), graph);
    const at = (id: string) => layout.nodes.find((node) => node.id === id);
    const xs = new Set(UNDO.map((id) => at(id)?.x));
    expect(xs.size).toBe(1);
    const ys = UNDO.map((id) => at(id)?.y ?? NaN);
    expect(ys).toEqual([...ys].sort((a, b) => b - a));
    // The Next edges between undo steps are drawn upwards: they end at the higher step.
    const releaseStock = layout.edges.find((edge) => edge.id === 'CancelDelivery->ReleaseStock');
    expect(releaseStock?.points.at(-1)?.y).toBeLessThan(releaseStock?.points[0]?.y ?? NaN);
  });

  it('routes the edges without a crossing: Catch edges leave on the right, Next edges below', async () => {
    const layout = await layoutSaga(new ELK(), graph);

    expect(crossings(layout)).toEqual([]);
    const at = (id: string) => layout.nodes.find((node) => node.id === id);
    for (const edge of layout.edges.filter((e) => e.kind === 'catch')) {
      const from = at(edge.from);
      expect(edge.points[0]?.x).toBe((from?.x ?? NaN) + (from?.width ?? NaN));
    }
  });

  it('finds a crossing when two routes cross (the check can fail)', () => {
    const crossed = {
      width: 100,
      height: 100,
      nodes: [],
      edges: [
        {
          id: 'a',
          from: 'A',
          to: 'B',
          kind: 'next' as const,
          points: [
            { x: 50, y: 0 },
            { x: 50, y: 100 },
          ],
        },
        {
          id: 'b',
          from: 'C',
          to: 'D',
          kind: 'catch' as const,
          points: [
            { x: 0, y: 50 },
            { x: 100, y: 50 },
          ],
        },
        {
          id: 'c',
          from: 'C',
          to: 'E',
          kind: 'catch' as const,
          points: [
            { x: 0, y: 50 },
            { x: 40, y: 50 },
          ],
        },
      ],
    };
    expect(crossings(crossed)).toEqual([['a', 'b']]);
  });

  it('writes the layout as an SVG document with every state and transition', async () => {
    const layout = await layoutSaga(new ELK(), graph);
    const path = executionPath([step('ReservePayment', 'CAUGHT', 'PaymentDeclined')], graph.edges);

    const svg = sagaSvg(layout, path);

    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    for (const node of graph.nodes) expect(svg).toContain(`data-state="${node.id}"`);
    expect(svg.match(/<polyline /g)).toHaveLength(graph.edges.length);
    expect(svg).toContain('PaymentDeclined');
    expect(svg).toContain('stroke-dasharray="6 4"');
  });

  it('colours a path: retried, caught with its error, the undo steps, and the edges taken', () => {
    const path = executionPath(
      [
        step('ReservePayment', 'SUCCEEDED'),
        step('ReserveStock', 'RETRIED', 'TransientError'),
        step('ReserveStock', 'SUCCEEDED'),
        step('BookDelivery', 'RETRIED', 'TransientError'),
        step('BookDelivery', 'CAUGHT', 'TransientError'),
        step('CancelDelivery', 'SUCCEEDED'),
      ],
      graph.edges,
    );

    expect(path.visits.get('ReserveStock')).toMatchObject({ outcome: 'retried', attempts: 2 });
    expect(path.visits.get('BookDelivery')).toMatchObject({
      outcome: 'caught',
      attempts: 2,
      error: 'TransientError',
    });
    expect([...path.takenEdges]).toEqual([
      'ReservePayment->ReserveStock',
      'ReserveStock->BookDelivery',
      'BookDelivery-catch->CancelDelivery',
    ]);
  });
});
