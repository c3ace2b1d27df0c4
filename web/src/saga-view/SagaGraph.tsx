import ELK from 'elkjs/lib/elk.bundled.js';
import { useEffect, useMemo, useState } from 'react';
import { Background, Controls, MarkerType, ReactFlow, type Edge, type Node } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import {
  durationMs,
  executionPath,
  layoutSaga,
  sagaGraph,
  type AslDefinition,
  type SagaLayout,
  type TraceStep,
} from '../saga-graph';
import { ElkEdge } from './ElkEdge';
import { StepNode, type StepNodeData } from './StepNode';

const elk = new ELK();

const edgeColour = (kind: 'next' | 'catch', taken: boolean): string =>
  taken ? (kind === 'catch' ? '#c2410c' : '#15803d') : kind === 'catch' ? '#fb923c' : '#64748b';
const nodeTypes = { step: StepNode };
const MIN_ZOOM = 0.75;
const edgeTypes = { elk: ElkEdge };

/**
 * The saga drawn from its ASL, laid out by ELK, rendered by React Flow; the execution's path
 * (from its SagaTrace) colours the states it entered and the transitions it took.
 */
export default function SagaGraph({
  definition,
  steps,
}: {
  definition: AslDefinition;
  steps: TraceStep[];
}) {
  const graph = useMemo(() => sagaGraph(definition), [definition]);
  const [layout, setLayout] = useState<SagaLayout>();
  useEffect(() => {
    let live = true;
    void layoutSaga(elk, graph).then((laid) => live && setLayout(laid));
    return () => {
      live = false;
    };
  }, [graph]);
  const path = useMemo(() => executionPath(steps, graph.edges), [steps, graph]);

  const nodes = useMemo<Node<StepNodeData>[]>(
    () =>
      (layout?.nodes ?? []).map((node) => {
        const visit = path.visits.get(node.id);
        return {
          id: node.id,
          type: 'step',
          position: { x: node.x, y: node.y },
          width: node.width,
          height: node.height,
          draggable: false,
          connectable: false,
          data: {
            name: node.id,
            column: node.column,
            retries: node.retries,
            outcome: visit?.outcome,
            attempts: visit?.attempts ?? 0,
            durationMs: visit ? durationMs(visit) : undefined,
            error: visit?.error,
          },
        };
      }),
    [layout, path],
  );
  const edges = useMemo<Edge[]>(
    () =>
      (layout?.edges ?? []).map((edge) => ({
        id: edge.id,
        source: edge.from,
        target: edge.to,
        type: 'elk',
        markerEnd: {
          type: MarkerType.ArrowClosed,
          color: edgeColour(edge.kind, path.takenEdges.has(edge.id)),
        },
        data: { points: edge.points, kind: edge.kind, taken: path.takenEdges.has(edge.id) },
      })),
    [layout, path],
  );

  if (!layout) return <p>Laying out the saga…</p>;
  return (
    // Never narrower than 3/4 of the layout (its labels stay readable): a narrow screen scrolls
    // this region sideways, not the page.
    <div
      className="saga-graph-scroll"
      role="region"
      aria-label="The order saga: forward steps on the left, undo steps on the right"
      tabIndex={0}
    >
      <div
        className="saga-graph"
        data-testid="saga-graph"
        style={{
          aspectRatio: `${layout.width} / ${layout.height}`,
          minWidth: `${Math.round(layout.width * MIN_ZOOM)}px`,
        }}
      >
        <ReactFlow
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          fitView
          minZoom={0.2}
          nodesDraggable={false}
          nodesConnectable={false}
          proOptions={{ hideAttribution: true }}
        >
          <Background />
          <Controls showInteractive={false} />
        </ReactFlow>
      </div>
    </div>
  );
}
