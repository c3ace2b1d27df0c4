// Positions for the saga graph, computed by ELK's layered algorithm (elkjs): top to bottom, the
// forward steps in the left column, the undo steps in the next, the compensation failure in the
// last. The columns are constraints given to ELK (each node's model order and initial position,
// which the semi-interactive crossing minimisation keeps); ELK places the nodes so none overlap
// and routes the edges orthogonally around them.
import type { ELK, ElkNode } from 'elkjs/lib/elk-api';
import type { Column, GraphEdge, GraphNode, SagaGraph } from './graph';

export const NODE_WIDTH = 196;
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
/** Where each column's first step sits, in rows: the undo chain starts beside the second step. */
const FIRST_ROW: Record<Column, number> = { forward: 0, undo: 1, failure: 2 };

/** Each node's row within its column: the order in which the saga's transitions reach it. */
function rowsOf(graph: SagaGraph): Map<string, number> {
  const rows = new Map<string, number>();
  const nextOf = new Map(graph.edges.filter((e) => e.kind === 'next').map((e) => [e.from, e.to]));
  const hasNextIn = new Set(graph.edges.filter((e) => e.kind === 'next').map((e) => e.to));
  for (const column of COLUMN_ORDER) {
    const members = graph.nodes.filter((node) => node.column === column);
    const inColumn = new Set(members.map((node) => node.id));
    // Chains start where no Next of the same column leads; follow each chain down the column.
    let row = FIRST_ROW[column];
    for (const head of members.filter(
      (node) =>
        !hasNextIn.has(node.id) ||
        ![...graph.edges].some(
          (e) => e.kind === 'next' && e.to === node.id && inColumn.has(e.from),
        ),
    )) {
      for (
        let id: string | undefined = head.id;
        id && inColumn.has(id) && !rows.has(id);
        id = nextOf.get(id)
      )
        rows.set(id, row++);
    }
    for (const node of members) if (!rows.has(node.id)) rows.set(node.id, row++);
  }
  return rows;
}

export async function layoutSaga(elk: ELK, graph: SagaGraph): Promise<SagaLayout> {
  const rows = rowsOf(graph);
  const root: ElkNode = {
    id: 'saga',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'DOWN',
      'elk.edgeRouting': 'ORTHOGONAL',
      // The columns and rows are given (x, y below): ELK keeps them as constraints, then places
      // the nodes apart and routes every edge around them.
      'elk.layered.layering.strategy': 'INTERACTIVE',
      'elk.layered.crossingMinimization.strategy': 'INTERACTIVE',
      'elk.layered.cycleBreaking.strategy': 'INTERACTIVE',
      'elk.layered.nodePlacement.strategy': 'INTERACTIVE',
      'elk.spacing.nodeNode': '56',
      'elk.layered.spacing.nodeNodeBetweenLayers': '36',
      'elk.spacing.edgeNode': '16',
      'elk.spacing.edgeEdge': '8',
      'elk.layered.spacing.edgeNodeBetweenLayers': '16',
      'elk.padding': '[top=16,left=16,bottom=16,right=16]',
    },
    children: graph.nodes.map((node) => ({
      id: node.id,
      width: NODE_WIDTH,
      height: NODE_HEIGHT,
      x: COLUMN_ORDER.indexOf(node.column) * (NODE_WIDTH * 2),
      y: (rows.get(node.id) ?? 0) * (NODE_HEIGHT * 2),
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
