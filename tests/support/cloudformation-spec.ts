import { specification } from '@aws-cdk/cfnspec';

/**
 * Checks a CloudFormation template against the resource specification, offline: every resource
 * type exists, every property is known, every required property is there, and nested property
 * types are checked the same way. Values that are intrinsic functions are taken on trust.
 */
type Spec = ReturnType<typeof specification>;
interface PropertySpec {
  Required?: boolean;
  Type?: string;
  ItemType?: string;
  PrimitiveType?: string;
  PrimitiveItemType?: string;
}

export function validateTemplate(template: { Resources?: Record<string, unknown> }): string[] {
  const spec = specification();
  const errors: string[] = [];
  for (const [logicalId, resource] of Object.entries(template.Resources ?? {})) {
    const { Type: type, Properties: properties = {} } = resource as {
      Type: string;
      Properties?: Record<string, unknown>;
    };
    const resourceSpec = spec.ResourceTypes[type];
    if (!resourceSpec) {
      // Custom resources have no schema of their own.
      if (!type.startsWith('Custom::')) errors.push(`${logicalId}: unknown resource type ${type}`);
      continue;
    }
    checkProperties(spec, type, properties, resourceSpec.Properties ?? {}, logicalId, errors);
  }
  return errors;
}

function checkProperties(
  spec: Spec,
  resourceType: string,
  value: Record<string, unknown>,
  properties: Record<string, PropertySpec>,
  path: string,
  errors: string[],
): void {
  for (const [name, property] of Object.entries(properties)) {
    if (property.Required && !(name in value))
      errors.push(`${path}: missing required property ${name}`);
  }
  for (const [name, child] of Object.entries(value)) {
    const property = properties[name];
    if (!property) {
      errors.push(`${path}: unknown property ${name}`);
      continue;
    }
    checkValue(spec, resourceType, child, property, `${path}.${name}`, errors);
  }
}

function checkValue(
  spec: Spec,
  resourceType: string,
  value: unknown,
  property: PropertySpec,
  path: string,
  errors: string[],
): void {
  if (isIntrinsic(value)) return;
  const itemType =
    property.Type === 'List' || property.Type === 'Map' ? property.ItemType : property.Type;
  if (property.Type === 'List' && !Array.isArray(value)) {
    errors.push(`${path}: expected a list`);
    return;
  }
  if (!itemType) return; // a primitive (or a list / map of primitives)
  const items =
    property.Type === 'List'
      ? (value as unknown[])
      : property.Type === 'Map'
        ? Object.values(value as object)
        : [value];
  const typeSpec = (spec.PropertyTypes[`${resourceType}.${itemType}`] ??
    spec.PropertyTypes[itemType]) as { Properties?: Record<string, PropertySpec> } | undefined;
  if (!typeSpec) {
    errors.push(`${path}: no specification for property type ${itemType}`);
    return;
  }
  items.forEach((item, index) => {
    if (isIntrinsic(item)) return;
    const itemPath = property.Type === 'List' ? `${path}[${index}]` : path;
    if (typeof item !== 'object' || item === null) {
      errors.push(`${itemPath}: expected an object of type ${itemType}`);
      return;
    }
    checkProperties(
      spec,
      resourceType,
      item as Record<string, unknown>,
      typeSpec.Properties ?? {},
      itemPath,
      errors,
    );
  });
}

function isIntrinsic(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0]?.startsWith('Fn::') === true);
}
