import type { CloudFormationTemplate } from '../../support/packaged-template';
import {
  dependencyCycles,
  describeCycle,
  impliedDependencies,
  referenceGraph,
  subReferences,
} from '../../integration/deploy/template-references';

const template = (resources: Record<string, unknown>): CloudFormationTemplate => ({
  Resources: Object.fromEntries(
    Object.entries(resources).map(([id, rest]) => [
      id,
      { Type: 'AWS::Test::Thing', ...(rest as object) },
    ]),
  ),
});

describe('the reference graph of a template', () => {
  it('follows Ref, both forms of GetAtt, Sub and DependsOn, to resources only', () => {
    const graph = referenceGraph(
      template({
        A: {
          Properties: {
            One: { Ref: 'B' },
            Two: { 'Fn::GetAtt': ['C', 'Arn'] },
            Three: { 'Fn::GetAtt': 'D.Arn' },
            Four: { 'Fn::Sub': 'arn:${AWS::Partition}:x:${E}:${F.Arn}:${Param}' },
          },
          DependsOn: 'G',
        },
        B: {},
        C: {},
        D: {},
        E: {},
        F: {},
        G: {},
      }),
    );
    expect([...(graph.get('A') ?? [])].sort()).toEqual(['B', 'C', 'D', 'E', 'F', 'G']);
  });

  it("reads Sub's own variables as its map's, and ${!X} as literal text", () => {
    expect(subReferences('${!Literal}-${Own}-${Resource.Arn}', ['Own'])).toEqual(['Resource']);
    const graph = referenceGraph(
      template({
        A: { Properties: { X: { 'Fn::Sub': ['${v}-${!B}', { v: { Ref: 'C' } }] } } },
        B: {},
        C: {},
      }),
    );
    expect([...(graph.get('A') ?? [])]).toEqual(['C']);
  });

  it('finds the loop a Ref in an environment closes through a state machine', () => {
    const graph = referenceGraph(
      template({
        Machine: {
          Properties: {
            Definition: { 'Fn::Sub': ['${step}', { step: { 'Fn::GetAtt': ['Step', 'Arn'] } }] },
            RoleArn: { 'Fn::GetAtt': ['Role', 'Arn'] },
          },
        },
        Step: { Properties: { Environment: { Variables: { ARN: { Ref: 'Machine' } } } } },
        Role: {},
        Other: { Properties: { X: { Ref: 'Machine' } } },
      }),
    );
    const cycles = dependencyCycles(graph);
    expect(cycles).toEqual([['Machine', 'Step']]);
    expect(describeCycle(graph, ['Machine', 'Step'])).toBe('Machine -> Step -> Machine');
  });

  it('finds a resource that depends on itself, and no cycle in a tree', () => {
    expect(dependencyCycles(referenceGraph(template({ A: { DependsOn: ['A'] } })))).toEqual([
      ['A'],
    ]);
    expect(
      dependencyCycles(referenceGraph(template({ A: { DependsOn: ['B', 'C'] }, B: {}, C: {} }))),
    ).toEqual([]);
  });

  it('tells what a resource depends on without its DependsOn', () => {
    expect(
      impliedDependencies({
        Type: 'AWS::Test::Thing',
        Properties: { Role: { 'Fn::GetAtt': ['Role', 'Arn'] } },
        DependsOn: ['Role', 'LogGroup'],
      }),
    ).toEqual(['Role']);
  });
});
