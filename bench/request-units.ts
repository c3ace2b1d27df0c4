import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { RecordedCall } from './aws-call-recorder';
import { round } from './stats';

/**
 * The DynamoDB request units of the calls one order made, by DynamoDB's published rules applied
 * to the calls as they were sent and to the items as DynamoDB Local holds them afterwards:
 *
 * - a strongly consistent read: 1 read unit per 4 KB of the item (an absent item still costs 1),
 *   eventually consistent half that, transactional (TransactGetItems) twice that;
 * - a write: 1 write unit per 1 KB of the item (the larger of before and after; what is stored
 *   after is what is measured), transactional (TransactWriteItems) twice that, plus one write per
 *   1 KB for every global secondary index that holds the item (index propagation is billed as
 *   standard writes);
 * - a Query: 1 read unit per 4 KB of all the items it returned together (half if eventually
 *   consistent).
 *
 * DynamoDB Local's own ReturnConsumedCapacity is kept beside these for comparison: it agrees for
 * single-item operations and indexes, but reports a flat 2 units for a TransactWriteItems of any
 * number of items (AWS charges 2 per item per KB), so it cannot be the figure itself.
 */

export interface CallUnits {
  fn: string;
  state?: string;
  command: string;
  tables: string[];
  items: number;
  readUnits: number;
  writeUnits: number;
  localReportedUnits: number;
}

export interface RequestUnits {
  operations: number;
  readUnits: number;
  writeUnits: number;
  /** Operations by command, e.g. { TransactWriteCommand: 6 }. */
  byCommand: Record<string, number>;
  byFunction: Record<string, { operations: number; readUnits: number; writeUnits: number }>;
  calls: CallUnits[];
  largestItemBytes: number;
  localReportedUnits: number;
}

type Item = Record<string, unknown>;

interface TableShape {
  keyAttributes: string[];
  indexKeyAttributes: string[][];
}

interface Access {
  table: string;
  key?: Item;
  item?: Item;
  write: boolean;
  transactional: boolean;
  consistent: boolean;
}

const sizeOfValue = (value: unknown): number => {
  if (value === null || value === undefined || typeof value === 'boolean') return 1;
  if (typeof value === 'string') return Buffer.byteLength(value);
  if (typeof value === 'number' || typeof value === 'bigint') {
    const digits = String(value)
      .replace(/^-/, '')
      .replace('.', '')
      .replace(/^0+|0+$/g, '');
    return Math.ceil(Math.max(1, digits.length) / 2) + 1;
  }
  if (value instanceof Uint8Array) return value.byteLength;
  if (value instanceof Set)
    return [...(value as Set<unknown>)].reduce<number>(
      (sum, member) => sum + sizeOfValue(member),
      0,
    );
  if (Array.isArray(value))
    return 3 + value.reduce<number>((sum, member) => sum + 1 + sizeOfValue(member), 0);
  if (typeof value === 'object') {
    return (
      3 +
      Object.entries(value).reduce(
        (sum, [name, member]) => sum + 1 + Buffer.byteLength(name) + sizeOfValue(member),
        0,
      )
    );
  }
  return 0;
};

/** DynamoDB's item size: attribute names plus values (the published approximation). */
export const itemSize = (item: Item | undefined): number =>
  item === undefined
    ? 0
    : Object.entries(item).reduce(
        (sum, [name, value]) => sum + Buffer.byteLength(name) + sizeOfValue(value),
        0,
      );

const asItem = (value: unknown): Item | undefined =>
  typeof value === 'object' && value !== null ? (value as Item) : undefined;
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

function accessesOf(call: RecordedCall): Access[] {
  const input = call.input;
  const table = typeof input.TableName === 'string' ? input.TableName : '';
  const consistent = input.ConsistentRead === true;
  switch (call.command) {
    case 'GetCommand':
      return [{ table, key: asItem(input.Key), write: false, transactional: false, consistent }];
    case 'PutCommand':
      return [{ table, item: asItem(input.Item), write: true, transactional: false, consistent }];
    case 'UpdateCommand':
    case 'DeleteCommand':
      return [{ table, key: asItem(input.Key), write: true, transactional: false, consistent }];
    case 'TransactGetCommand':
      return asArray(input.TransactItems).flatMap((entry): Access[] => {
        const get = asItem(asItem(entry)?.Get);
        return get
          ? [
              {
                table: String(get.TableName),
                key: asItem(get.Key),
                write: false,
                transactional: true,
                consistent: true,
              },
            ]
          : [];
      });
    case 'TransactWriteCommand':
      return asArray(input.TransactItems).flatMap((entry): Access[] => {
        const action = asItem(entry) ?? {};
        const put = asItem(action.Put);
        if (put) {
          return [
            {
              table: String(put.TableName),
              item: asItem(put.Item),
              write: true,
              transactional: true,
              consistent: true,
            },
          ];
        }
        // Update, Delete and ConditionCheck name the item by its key; a ConditionCheck is counted
        // as a transactional write of its item (the larger of the readings of AWS's docs).
        const keyed =
          asItem(action.Update) ?? asItem(action.Delete) ?? asItem(action.ConditionCheck);
        return keyed
          ? [
              {
                table: String(keyed.TableName),
                key: asItem(keyed.Key),
                write: true,
                transactional: true,
                consistent: true,
              },
            ]
          : [];
      });
    case 'BatchGetCommand':
      return Object.entries(asItem(input.RequestItems) ?? {}).flatMap(([name, request]) =>
        asArray(asItem(request)?.Keys).map((key): Access => ({
          table: name,
          key: asItem(key),
          write: false,
          transactional: false,
          consistent: asItem(request)?.ConsistentRead === true,
        })),
      );
    case 'BatchWriteCommand':
      return Object.entries(asItem(input.RequestItems) ?? {}).flatMap(([name, requests]) =>
        asArray(requests).map((request): Access => {
          const put = asItem(asItem(request)?.PutRequest);
          return put
            ? {
                table: name,
                item: asItem(put.Item),
                write: true,
                transactional: false,
                consistent: false,
              }
            : {
                table: name,
                key: asItem(asItem(asItem(request)?.DeleteRequest)?.Key),
                write: true,
                transactional: false,
                consistent: false,
              };
        }),
      );
    default:
      return [];
  }
}

const localUnits = (reported: unknown): number =>
  (Array.isArray(reported) ? reported : reported === undefined ? [] : [reported]).reduce<number>(
    (sum, entry) => sum + Number((asItem(entry)?.CapacityUnits as number | undefined) ?? 0),
    0,
  );

const keyOf = (shape: TableShape, access: Access): Item | undefined => {
  const source = access.key ?? access.item;
  if (!source) return undefined;
  return Object.fromEntries(shape.keyAttributes.map((name) => [name, source[name]]));
};

export async function requestUnitsOf(
  calls: readonly RecordedCall[],
  clients: { low: DynamoDBClient; document: DynamoDBDocumentClient },
): Promise<RequestUnits> {
  const dynamoCalls = calls.filter((call) => call.service === 'DynamoDB');
  const accessesByCall = dynamoCalls.map(accessesOf);

  const shapes = new Map<string, TableShape>();
  const tableNames = new Set(
    dynamoCalls.flatMap((call, index) => [
      ...(accessesByCall[index] ?? []).map((access) => access.table),
      ...(typeof call.input.TableName === 'string' ? [call.input.TableName] : []),
    ]),
  );
  for (const name of tableNames) {
    const { Table } = await clients.low.send(new DescribeTableCommand({ TableName: name }));
    shapes.set(name, {
      keyAttributes: (Table?.KeySchema ?? []).map((element) => element.AttributeName ?? ''),
      indexKeyAttributes: (Table?.GlobalSecondaryIndexes ?? []).map((index) =>
        (index.KeySchema ?? []).map((element) => element.AttributeName ?? ''),
      ),
    });
  }

  // Every item the order touched, as it is stored now: its size decides its units.
  const stored = new Map<string, Item | undefined>();
  const storedItem = async (table: string, key: Item | undefined): Promise<Item | undefined> => {
    if (!key) return undefined;
    const id = `${table}|${JSON.stringify(key)}`;
    if (!stored.has(id)) {
      const { Item } = await clients.document.send(
        new GetCommand({ TableName: table, Key: key, ConsistentRead: true }),
      );
      stored.set(id, Item);
    }
    return stored.get(id);
  };

  let largestItemBytes = 0;
  const units: CallUnits[] = [];
  for (const [index, call] of dynamoCalls.entries()) {
    const accesses = accessesByCall[index] ?? [];
    let readUnits = 0;
    let writeUnits = 0;
    for (const access of accesses) {
      const shape = shapes.get(access.table) ?? { keyAttributes: [], indexKeyAttributes: [] };
      const item = await storedItem(access.table, keyOf(shape, access));
      const size = Math.max(itemSize(item), itemSize(access.item));
      largestItemBytes = Math.max(largestItemBytes, size);
      if (access.write) {
        const perKb = Math.max(1, Math.ceil(size / 1024));
        const after = item ?? access.item ?? {};
        const indexes = shape.indexKeyAttributes.filter((attributes) =>
          attributes.every((name) => after[name] !== undefined),
        ).length;
        writeUnits += perKb * (access.transactional ? 2 : 1) + perKb * indexes;
      } else {
        const per4Kb = Math.max(1, Math.ceil(size / 4096));
        readUnits += per4Kb * (access.transactional ? 2 : access.consistent ? 1 : 0.5);
      }
    }
    if (call.command === 'QueryCommand' || call.command === 'ScanCommand') {
      const bytes = (call.returnedItems ?? []).reduce((sum, item) => sum + itemSize(item), 0);
      readUnits +=
        Math.max(1, Math.ceil(bytes / 4096)) * (call.input.ConsistentRead === true ? 1 : 0.5);
    }
    if (!call.documentClient) {
      // Low-level calls carry marshalled values; DynamoDB Local's figure stands in for them.
      readUnits = 0;
      writeUnits = localUnits(call.localConsumedCapacity);
    }
    units.push({
      fn: call.fn,
      ...(call.state !== undefined ? { state: call.state } : {}),
      command: call.command,
      tables: [...new Set(accesses.map((access) => access.table))],
      items: accesses.length,
      readUnits,
      writeUnits,
      localReportedUnits: localUnits(call.localConsumedCapacity),
    });
  }

  const byFunction: RequestUnits['byFunction'] = {};
  const byCommand: Record<string, number> = {};
  for (const call of units) {
    const name = call.state ? `${call.fn} (${call.state})` : call.fn;
    const entry = (byFunction[name] ??= { operations: 0, readUnits: 0, writeUnits: 0 });
    entry.operations += 1;
    entry.readUnits += call.readUnits;
    entry.writeUnits += call.writeUnits;
    byCommand[call.command] = (byCommand[call.command] ?? 0) + 1;
  }
  return {
    operations: units.length,
    readUnits: round(units.reduce((sum, call) => sum + call.readUnits, 0)),
    writeUnits: round(units.reduce((sum, call) => sum + call.writeUnits, 0)),
    byCommand,
    byFunction,
    calls: units,
    largestItemBytes,
    localReportedUnits: round(units.reduce((sum, call) => sum + call.localReportedUnits, 0)),
  };
}
