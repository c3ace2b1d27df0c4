import type { CloudFormationTemplate } from '../../support/packaged-template';

/**
 * The dependency graph CloudFormation builds from a template, computed here so a circular
 * dependency is caught without any AWS tool: resource A depends on B when A names B through
 * `Ref`, `Fn::GetAtt` (both its forms), `Fn::Sub` (`${B}` or `${B.Attr}` in the string, not the
 * `${!literal}` escape nor a variable of Sub's own map) or `DependsOn`. Pseudo parameters
 * (`AWS::Region`…) and template parameters are not resources and are left out.
 */

export type ReferenceGraph = Map<string, Set<string>>;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The names a `Fn::Sub` string refers to: `${X}` and `${X.Attr}` give X; `${!X}` is literal. */
export function subReferences(text: string, ownVariables: readonly string[] = []): string[] {
  return [...text.matchAll(/\$\{([^}!][^}]*)\}/g)]
    .map((match) => (match[1] ?? '').split('.')[0] ?? '')
    .filter((name) => !ownVariables.includes(name));
}

function referencesIn(value: unknown, into: Set<string>): void {
  if (Array.isArray(value)) {
    for (const item of value) referencesIn(item, into);
    return;
  }
  if (!isRecord(value)) return;
  for (const [key, inner] of Object.entries(value)) {
    if (key === 'Ref' && typeof inner === 'string') into.add(inner);
    else if (key === 'Fn::GetAtt') {
      const target: unknown = Array.isArray(inner) ? inner[0] : String(inner).split('.')[0];
      if (typeof target === 'string') into.add(target);
    } else if (key === 'Fn::Sub') {
      const [text, variables] = (Array.isArray(inner) ? inner : [inner, {}]) as unknown[];
      const own = isRecord(variables) ? Object.keys(variables) : [];
      if (typeof text === 'string') for (const name of subReferences(text, own)) into.add(name);
      referencesIn(variables, into);
    } else referencesIn(inner, into);
  }
}

/** The resources a resource names through Ref, GetAtt or Sub: what it depends on without DependsOn. */
export function impliedDependencies(
  resource: CloudFormationTemplate['Resources'][string],
): string[] {
  const targets = new Set<string>();
  referencesIn({ ...resource, DependsOn: undefined }, targets);
  return [...targets];
}

export function referenceGraph(template: CloudFormationTemplate): ReferenceGraph {
  const graph: ReferenceGraph = new Map();
  for (const [id, resource] of Object.entries(template.Resources)) {
    const targets = new Set<string>();
    referencesIn(resource, targets);
    for (const dependsOn of [resource.DependsOn ?? []].flat()) targets.add(dependsOn);
    graph.set(id, new Set([...targets].filter((target) => target in template.Resources)));
  }
  return graph;
}

/**
 * Every cycle's resources, one list per strongly connected component with more than one member
 * or a member that names itself (Tarjan's algorithm), each sorted, the components sorted too.
 */
export function dependencyCycles(graph: ReferenceGraph): string[][] {
  const index = new Map<string, number>();
  const lowLink = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];

  const visit = (node: string): void => {
    index.set(node, index.size);
    lowLink.set(node, index.get(node) ?? 0);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        lowLink.set(node, Math.min(lowLink.get(node) ?? 0, lowLink.get(next) ?? 0));
      } else if (onStack.has(next)) {
        lowLink.set(node, Math.min(lowLink.get(node) ?? 0, index.get(next) ?? 0));
      }
    }
    if (lowLink.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string | undefined;
    do {
      member = stack.pop();
      if (member === undefined) break;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || graph.get(node)?.has(node)) cycles.push(component.sort());
  };

  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return cycles.sort((a, b) => (a[0] ?? '').localeCompare(b[0] ?? ''));
}

/** One loop through the component, for a readable failure: A -> B -> … -> A. */
export function describeCycle(graph: ReferenceGraph, component: string[]): string {
  const members = new Set(component);
  const start = component[0] ?? '';
  const path = [start];
  const seen = new Set(path);
  let current = start;
  for (;;) {
    const successors = [...(graph.get(current) ?? [])].filter((next) => members.has(next));
    const next =
      successors.find((candidate) => candidate === start && path.length > 1) ??
      successors.find((candidate) => !seen.has(candidate)) ??
      successors[0];
    if (next === undefined) return path.join(' -> ');
    path.push(next);
    if (seen.has(next)) return path.join(' -> ');
    seen.add(next);
    current = next;
  }
}
