import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse, type Tags } from 'yaml';

const ROOT = resolve(__dirname, '..', '..');

// CloudFormation's short forms (!Ref, !Sub, …) as their long forms, so a test reads a
// resources/*.yml file the way CloudFormation will.
const shortForms = ['Ref', 'Sub', 'GetAtt', 'Not', 'Equals', 'If', 'Join', 'Select', 'Split'];
const longForm = (name: string, value: unknown): Record<string, unknown> =>
  name === 'Ref'
    ? { Ref: value }
    : {
        [`Fn::${name}`]: name === 'GetAtt' && typeof value === 'string' ? value.split('.') : value,
      };
const customTags: Tags = shortForms.flatMap((name): Tags => [
  { tag: `!${name}`, resolve: (value: string) => longForm(name, value) },
  { tag: `!${name}`, collection: 'seq', resolve: (seq) => longForm(name, seq.toJSON()) },
  { tag: `!${name}`, collection: 'map', resolve: (map) => longForm(name, map.toJSON()) },
]);

export interface TemplateResource {
  Type: string;
  Condition?: string;
  Properties?: Record<string, unknown>;
}

export interface ResourcesFile {
  Parameters?: Record<string, unknown>;
  Conditions?: Record<string, unknown>;
  Resources: Record<string, TemplateResource>;
}

/** A resources/*.yml file, its short forms expanded; serverless variables are left as text. */
export const readResourcesFile = (name: string): ResourcesFile =>
  parse(readFileSync(resolve(ROOT, 'resources', name), 'utf8'), { customTags }) as ResourcesFile;

/** Every resources/*.yml file's resources, as one template would hold them. */
export const allResources = (): Record<string, TemplateResource> =>
  Object.assign(
    {},
    ...readdirSync(resolve(ROOT, 'resources'))
      .filter((file) => file.endsWith('.yml'))
      .map((file) => readResourcesFile(file).Resources),
  ) as Record<string, TemplateResource>;

/** The handler names each functions/<context>/functions.yml declares, by context. */
export { functionsByContext } from '../../scripts/observability';
