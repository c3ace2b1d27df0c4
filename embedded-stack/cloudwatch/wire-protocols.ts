import type { IncomingMessage } from 'node:http';
import { cbor, dateToTag } from '@smithy/core/cbor';
import { ServiceError } from './errors';

// CloudWatch speaks three protocols, the same operations in each. Two are
// served here: AWS JSON 1.0, what @aws-sdk/client-cloudwatch 3.1162 sends,
// and Smithy RPC v2 CBOR, what the aws CLI (botocore) sends. Both are one
// POST per operation; they differ in where the operation is named, in the
// encoding, and in how timestamps travel (JSON: epoch seconds; CBOR: tag 1
// around epoch seconds). Actions see requests with timestamps as epoch
// seconds and answer with Date objects; each protocol encodes those its way.

const SERVICE_TARGET = 'GraniteServiceVersion20100801';
const CBOR_PATH = new RegExp(`^/service/${SERVICE_TARGET}/operation/([A-Za-z]+)$`);
const TIMESTAMP_TAG = 1;

export interface WireProtocol {
  /** The operation a request names, or undefined when it is not this protocol's. */
  operationOf: (request: IncomingMessage) => string | undefined;
  decode: (body: Buffer) => unknown;
  encode: (value: unknown) => Buffer;
  headers: Record<string, string>;
}

/** Rebuilds a value bottom-up, letting `replace` turn leaves (e.g. dates) into wire forms. */
const mapDeep = (value: unknown, replace: (leaf: unknown) => unknown): unknown => {
  const replaced = replace(value);
  if (replaced !== value) return replaced;
  if (Array.isArray(value)) return value.map((item) => mapDeep(item, replace));
  if (value !== null && typeof value === 'object') {
    // Undefined members are absent, as JSON.stringify has them (CBOR would refuse them).
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, item]) => item !== undefined)
        .map(([key, item]) => [key, mapDeep(item, replace)]),
    );
  }
  return value;
};

const epochSeconds = (leaf: unknown): unknown =>
  leaf instanceof Date ? leaf.getTime() / 1000 : leaf;

const json: WireProtocol = {
  operationOf: (request) => {
    const target = request.headers['x-amz-target'];
    if (typeof target !== 'string' || !target.startsWith(`${SERVICE_TARGET}.`)) return undefined;
    return target.slice(SERVICE_TARGET.length + 1);
  },
  decode: (body) => {
    const text = body.toString('utf8');
    if (text.trim() === '') return {};
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new ServiceError('SerializationException', 'The request body is not valid JSON');
    }
  },
  encode: (value) => Buffer.from(JSON.stringify(mapDeep(value, epochSeconds))),
  headers: { 'content-type': 'application/x-amz-json-1.0' },
};

const isTimestampTag = (leaf: unknown): leaf is { tag: number; value: number } =>
  leaf !== null &&
  typeof leaf === 'object' &&
  'tag' in leaf &&
  leaf.tag === TIMESTAMP_TAG &&
  'value' in leaf &&
  typeof leaf.value === 'number';

const smithyRpcV2Cbor: WireProtocol = {
  operationOf: (request) => {
    if (request.headers['smithy-protocol'] !== 'rpc-v2-cbor') return undefined;
    return CBOR_PATH.exec(request.url ?? '')?.[1];
  },
  decode: (body) => {
    if (body.length === 0) return {};
    let decoded: unknown;
    try {
      decoded = cbor.deserialize(body);
    } catch {
      throw new ServiceError('SerializationException', 'The request body is not valid CBOR');
    }
    return mapDeep(decoded, (leaf) => (isTimestampTag(leaf) ? leaf.value : leaf));
  },
  encode: (value) =>
    Buffer.from(
      cbor.serialize(mapDeep(value, (leaf) => (leaf instanceof Date ? dateToTag(leaf) : leaf))),
    ),
  headers: { 'content-type': 'application/cbor', 'smithy-protocol': 'rpc-v2-cbor' },
};

export const wireProtocols: readonly WireProtocol[] = [json, smithyRpcV2Cbor];
