// Positions for the saga graph, computed by ELK's layered algorithm (elkjs): top to bottom, the
// forward steps in the left column, the undo steps in the next, the compensation failure in the
// last. The columns are constraints given to ELK (each node's model order and initial position,
// which the semi-interactive crossing minimisation keeps); ELK places the nodes so none overlap
// and routes the edges orthogonally around them.
import type { ELK, ElkNode } from 'elkjs/lib/elk-api';
import type { Column, GraphEdge, GraphNode, SagaGraph } from './graph';

export const NODE_WIDTH = 168;
export const NODE_HEIGHT = 52;

export interface Point {
  x: number;
  y: number;
}

export interface PlacedNode extends GraphNode {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PlacedEdge extends GraphEdge {
  points: Point[];
}

export interface SagaLayout {
  width: number;
  height: number;
  nodes: PlacedNode[];
  edges: PlacedEdge[];
}

const COLUMN_ORDER: Column[] = ['forward', 'undo', 'failure'];

export async function layoutSaga(elk: ELK, graph: SagaGraph): Promise<SagaLayout> {
  const ordered = [...graph.nodes].sort(
    (a, b) => COLUMN_ORDER.indexOf(a.column) - COLUMN_ORDER.indexOf(b.column),
  );
  const root: ElkNode = {
    id: 'saga',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'DOWN',
      'elk.edgeRouting': 'ORTHOGONAL',
      'elk.layered.crossingMinimization.semiInteractive': 'true',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.spacing.nodeNode': '48',
      'elk.layered.spacing.nodeNodeBetweenLayers': '40',
      'elk.spacing.edgeNode': '20',
      'elk.layered.spacing.edgeNodeBetweenLayers': '20',
      'elk.padding': '[top=16,left=16,bottom=16,right=16]',
    },
    children: ordered.map((node) => ({
      id: node.id,
      width: NODE_WIDTH,
      height: NODE_HEIGHT,
      // The semi-interactive crossing minimisation orders each layer by these positions.
      x: COLUMN_ORDER.indexOf(node.column) * 1000,
      y: 0,
      layoutOptions: { 'elk.position': `(${COLUMN_ORDER.indexOf(node.column) * 1000}, 0)` },
    })),
    edges: graph.edges.map((edge) => ({ id: edge.id, sources: [edge.from], targets: [edge.to] })),
  };
  const laid = await elk.layout(root);
  const placed = new Map((laid.children ?? []).map((child) => [child.id, child]));
  const nodes = graph.nodes.map((node) => {
    const child = placed.get(node.id);
    return {
      ...node,
      x: child?.x ?? 0,
      y: child?.y ?? 0,
      width: child?.width ?? NODE_WIDTH,
      height: child?.height ?? NODE_HEIGHT,
    };
  });
  const routes = new Map((laid.edges ?? []).map((edge) => [edge.id, edge.sections ?? []]));
  const edges = graph.edges.map((edge) => ({
    ...edge,
    points: (routes.get(edge.id) ?? []).flatMap((section) => [
      section.startPoint,
      ...(section.bendPoints ?? []),
      section.endPoint,
    ]),
  }));
  return { width: laid.width ?? 0, height: laid.height ?? 0, nodes, edges };
}

/** Whether two placed nodes overlap (a check for tests and the script). */
export const overlaps = (a: PlacedNode, b: PlacedNode): boolean =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
