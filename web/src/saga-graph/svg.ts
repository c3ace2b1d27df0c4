// The saga's layout as a standalone SVG document, for `npm run saga:graph` (docs/ and the README):
// the same graph, ELK layout and path colours as the console's React Flow drawing, without a
// browser. Plain strings: the drawing is a dozen rectangles and polylines.
import type { SagaLayout } from './layout';
import type { ExecutionPath, StepOutcome } from './path';

const FILL: Record<StepOutcome | 'idle', { fill: string; stroke: string }> = {
  idle: { fill: '#f1f5f9', stroke: '#94a3b8' },
  succeeded: { fill: '#dcfce7', stroke: '#15803d' },
  retried: { fill: '#fef9c3', stroke: '#a16207' },
  caught: { fill: '#ffedd5', stroke: '#c2410c' },
  failed: { fill: '#fee2e2', stroke: '#b91c1c' },
  running: { fill: '#dbeafe', stroke: '#1d4ed8' },
};
const EDGE = {
  next: { stroke: '#64748b', taken: '#15803d' },
  catch: { stroke: '#fb923c', taken: '#c2410c' },
};

const escape = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const marker = (id: string, colour: string): string =>
  `<marker id="${id}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${colour}"/></marker>`;

/** The layout drawn as SVG; with a path, the states and transitions of that execution coloured. */
export function sagaSvg(layout: SagaLayout, path?: ExecutionPath): string {
  const markers = Object.entries(EDGE).flatMap(([kind, colours]) => [
    marker(`arrow-${kind}`, colours.stroke),
    marker(`arrow-${kind}-taken`, colours.taken),
  ]);
  const edges = layout.edges.map((edge) => {
    const taken = path?.takenEdges.has(edge.id) ?? false;
    const colours = EDGE[edge.kind];
    const points = edge.points.map((p) => `${p.x},${p.y}`).join(' ');
    return [
      `<polyline points="${points}" fill="none" stroke="${taken ? colours.taken : colours.stroke}"`,
      ` stroke-width="${taken ? 3 : 1.5}"${edge.kind === 'catch' ? ' stroke-dasharray="6 4"' : ''}`,
      ` marker-end="url(#arrow-${edge.kind}${taken ? '-taken' : ''})"><title>${escape(edge.id)}</title></polyline>`,
    ].join('');
  });
  const nodes = layout.nodes.map((node) => {
    const visit = path?.visits.get(node.id);
    const { fill, stroke } = FILL[visit?.outcome ?? 'idle'];
    const note = visit?.error ?? (node.retries ? `retry ×${node.retries}` : '');
    const cx = node.x + node.width / 2;
    const dashed = node.column !== 'forward' && !visit ? ' stroke-dasharray="5 3"' : '';
    return [
      `<g data-state="${escape(node.id)}">`,
      `<rect x="${node.x}" y="${node.y}" width="${node.width}" height="${node.height}" rx="8" fill="${fill}" stroke="${stroke}" stroke-width="2"${dashed}/>`,
      `<text x="${cx}" y="${node.y + (note ? 22 : 30)}" text-anchor="middle" font-weight="bold" font-size="13">${escape(node.id)}</text>`,
      note
        ? `<text x="${cx}" y="${node.y + 39}" text-anchor="middle" font-size="11" fill="#334155">${escape(note)}</text>`
        : '',
      '</g>',
    ].join('');
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${layout.width}" height="${layout.height}" viewBox="0 0 ${layout.width} ${layout.height}" font-family="system-ui, sans-serif" role="img" aria-label="The order saga: forward steps on the left, undo steps beside them, Catch edges dashed">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<defs>${markers.join('')}</defs>`,
    ...edges,
    ...nodes,
    '</svg>',
    '',
  ].join('\n');
}
