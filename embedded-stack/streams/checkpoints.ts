import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Where each shard of each stream has been read up to, kept in a JSON file so a restarted stack
 * goes on after the last record it handled, as Lambda's mapping does. Keyed by stream ARN: a
 * table created again has a new stream, whose shards start from the mapping's starting position.
 */
export interface CheckpointStore {
  /** The sequence number of the last record handled on the shard, if any. */
  get(streamArn: string, shardId: string): string | undefined;
  set(streamArn: string, shardId: string, sequenceNumber: string): Promise<void>;
}

type Checkpoints = Record<string, Record<string, string>>;

export async function openCheckpointStore(file: string): Promise<CheckpointStore> {
  let checkpoints: Checkpoints = {};
  try {
    checkpoints = JSON.parse(await readFile(file, 'utf8')) as Checkpoints;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(dirname(file), { recursive: true });
  // One write at a time, each replacing the file whole (rename is atomic): a stack killed
  // mid-write leaves the previous checkpoints, never half a file.
  let writing = Promise.resolve();
  return {
    get: (streamArn, shardId) => checkpoints[streamArn]?.[shardId],
    set(streamArn, shardId, sequenceNumber) {
      checkpoints = {
        ...checkpoints,
        [streamArn]: { ...checkpoints[streamArn], [shardId]: sequenceNumber },
      };
      const snapshot = JSON.stringify(checkpoints, null, 2);
      writing = writing.then(async () => {
        await writeFile(`${file}.tmp`, snapshot);
        await rename(`${file}.tmp`, file);
      });
      return writing;
    },
  };
}
