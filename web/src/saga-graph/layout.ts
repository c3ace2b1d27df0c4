// Positions for the saga graph, computed by ELK's layered algorithm (elkjs), in the design's
// picture (DESIGN.md, "The order saga") turned on its side for narrow screens: the forward steps
// down the left column, the undo chain in the next column beside the steps it undoes, running
// back up as the design's undo row runs back left, and the compensation failure in the last.
//
// ELK lays out every edge pointing down. The undo chain's Next edges point up in this picture,
// so ELK is given them reversed and their routes are turned back afterwards. Then each Catch
// edge goes from a forward step to an undo step at least as far down: no two of them cross.
// Ports fix the sides: Next edges leave a step at the bottom and enter at the top, Catch edges
// leave on the right and enter on the left, so the two kinds never share a side. ELK orders the
// steps of each layer (model order breaks ties), places them and routes the edges orthogonally.
import type { ELK, ElkExtendedEdge, ElkNode, ElkPort } from 'elkjs/lib/elk-api';
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

/** A Next edge between two undo steps: drawn upwards, so laid out reversed. */
const runsUp = (edge: GraphEdge, columnOf: Map<string, Column>): boolean =>
  edge.kind === 'next' && columnOf.get(edge.from) === 'undo' && columnOf.get(edge.to) === 'undo';

type Side = 'NORTH' | 'SOUTH' | 'EAST' | 'WEST';
const port = (node: string, side: Side): ElkPort => ({
  id: `${node}:${side}`,
  layoutOptions: { 'elk.port.side': side },
});

/**
 * A Choice's rule that jumps from the forward column into another (the sweeper's way into the undo
 * steps): left out of ELK's layout, whose layering it would bend, and drawn around the outside.
 */
const jumpsAcross = (edge: GraphEdge, columnOf: Map<string, Column>): boolean =>
  edge.kind === 'next' && columnOf.get(edge.from) !== columnOf.get(edge.to);

/**
 * Out of the top of `from`, over the drawing (in its top padding) to a lane right of everything,
 * down or up that lane, into the right side of `to`: it crosses no node and no other edge.
 */
const aroundTheRight = (from: PlacedNode, to: PlacedNode, laneX: number): Point[] => {
  const exitX = from.x + (from.width * 3) / 4;
  const overY = from.y / 2;
  const toY = to.y + to.height / 2;
  return [
    { x: exitX, y: from.y },
    { x: exitX, y: overY },
    { x: laneX, y: overY },
    { x: laneX, y: toY },
    { x: to.x + to.width, y: toY },
  ];
};

const OUTSIDE_LANE = 24;

export async function layoutSaga(elk: ELK, graph: SagaGraph): Promise<SagaLayout> {
  const columnOf = new Map(graph.nodes.map((node) => [node.id, node.column]));
  const laidOut = graph.edges.filter((edge) => !jumpsAcross(edge, columnOf));
  const elkEdges: ElkExtendedEdge[] = laidOut.map((edge) => {
    const [source, target] = runsUp(edge, columnOf) ? [edge.to, edge.from] : [edge.from, edge.to];
    const [out, into]: [Side, Side] = edge.kind === 'next' ? ['SOUTH', 'NORTH'] : ['EAST', 'WEST'];
    return { id: edge.id, sources: [`${source}:${out}`], targets: [`${target}:${into}`] };
  });
  // The model order of the children is the columns' order: ELK keeps it where nothing else
  // decides, so the forward steps stay left of the undo steps.
  const children = [...graph.nodes]
    .sort((a, b) => COLUMN_ORDER.indexOf(a.column) - COLUMN_ORDER.indexOf(b.column))
    .map((node): ElkNode => ({
      id: node.id,
      width: NODE_WIDTH,
      height: NODE_HEIGHT,
      layoutOptions: { 'elk.portConstraints': 'FIXED_SIDE' },
      ports: (['NORTH', 'SOUTH', 'EAST', 'WEST'] as const).map((side) => port(node.id, side)),
    }));
  const root: ElkNode = {
    id: 'saga',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'DOWN',
      'elk.edgeRouting': 'ORTHOGONAL',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
      'elk.layered.crossingMinimization.forceNodeModelOrder': 'true',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.layered.nodePlacement.bk.fixedAlignment': 'LEFTUP',
      'elk.layered.nodePlacement.favorStraightEdges': 'true',
      'elk.layered.mergeEdges': 'true',
      'elk.spacing.nodeNode': '56',
      'elk.layered.spacing.nodeNodeBetweenLayers': '36',
      'elk.spacing.edgeNode': '16',
      'elk.spacing.edgeEdge': '10',
      'elk.layered.spacing.edgeNodeBetweenLayers': '16',
      'elk.padding': '[top=16,left=16,bottom=16,right=16]',
    },
    children,
    edges: elkEdges,
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
  const width = laid.width ?? 0;
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const edges = graph.edges.map((edge) => {
    const from = byId.get(edge.from);
    const to = byId.get(edge.to);
    if (jumpsAcross(edge, columnOf) && from && to)
      return { ...edge, points: aroundTheRight(from, to, width) };
    const points = (routes.get(edge.id) ?? []).flatMap((section) => [
      section.startPoint,
      ...(section.bendPoints ?? []),
      section.endPoint,
    ]);
    return { ...edge, points: runsUp(edge, columnOf) ? points.reverse() : points };
  });
  const jumps = graph.edges.some((edge) => jumpsAcross(edge, columnOf));
  return { width: width + (jumps ? OUTSIDE_LANE : 0), height: laid.height ?? 0, nodes, edges };
}

/** Whether two placed nodes overlap (a check for tests and the script). */
export const overlaps = (a: PlacedNode, b: PlacedNode): boolean =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

type Segment = [Point, Point];
const segmentsOf = (edge: PlacedEdge): Segment[] =>
  edge.points.slice(1).map((point, i) => [edge.points[i] as Point, point]);

const isVertical = ([a, b]: Segment): boolean => a.x === b.x && a.y !== b.y;
const isHorizontal = ([a, b]: Segment): boolean => a.y === b.y && a.x !== b.x;
const strictlyBetween = (value: number, one: number, other: number): boolean =>
  Math.min(one, other) < value && value < Math.max(one, other);

/** Whether two axis-parallel segments cross at a point inside both (touching ends does not). */
function segmentsCross(s: Segment, t: Segment): boolean {
  if (isHorizontal(s) && isVertical(t)) return segmentsCross(t, s);
  if (!isVertical(s) || !isHorizontal(t)) return false;
  const [top, bottom] = s;
  const [left, right] = t;
  return strictlyBetween(top.x, left.x, right.x) && strictlyBetween(left.y, top.y, bottom.y);
}

/**
 * The pairs of edges whose routes cross (orthogonal routes: a vertical segment through a
 * horizontal one). Edges into or out of the same step are a merge or a fork, never a crossing.
 */
export function crossings(layout: SagaLayout): [string, string][] {
  const found: [string, string][] = [];
  layout.edges.forEach((a, i) => {
    for (const b of layout.edges.slice(i + 1)) {
      if (a.to === b.to || a.from === b.from) continue;
      const cross = segmentsOf(a).some((s) => segmentsOf(b).some((t) => segmentsCross(s, t)));
      if (cross) found.push([a.id, b.id]);
    }
  });
  return found;
}
