import { BaseEdge, type Edge, type EdgeProps } from '@xyflow/react';
import type { Point } from '../saga-graph';

type ElkEdgeData = { points: Point[]; kind: 'next' | 'catch'; taken: boolean };

/** A transition along the route ELK computed (so no edge crosses a step); Catch edges dashed. */
export function ElkEdge({ id, data, markerEnd }: EdgeProps<Edge<ElkEdgeData>>) {
  const points = data?.points ?? [];
  if (points.length < 2) return null;
  const path = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x},${p.y}`).join(' ');
  const className = [
    'saga-edge',
    `saga-edge-${data?.kind ?? 'next'}`,
    data?.taken ? 'saga-edge-taken' : '',
  ]
    .filter(Boolean)
    .join(' ');
  return <BaseEdge id={id} path={path} markerEnd={markerEnd} className={className} />;
}
