import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import type { Column, StepOutcome } from '../saga-graph';

export type StepNodeData = {
  name: string;
  column: Column;
  retries: number;
  outcome?: StepOutcome;
  attempts: number;
  durationMs?: number;
  error?: string;
};

/** One state: its name, what happened there in this execution, how long it took, its error. */
export function StepNode({ data }: NodeProps<Node<StepNodeData>>) {
  const detail = [
    data.durationMs !== undefined ? `${data.durationMs} ms` : undefined,
    data.attempts > 1 ? `${data.attempts} attempts` : undefined,
    data.error,
  ].filter(Boolean);
  return (
    <div
      className={`step step-${data.column} ${data.outcome ? `step-${data.outcome}` : 'step-idle'}`}
      data-testid={`step-${data.name}`}
      data-outcome={data.outcome ?? 'not-entered'}
      title={detail.join(' · ')}
    >
      <Handle type="target" position={Position.Top} isConnectable={false} />
      <strong>{data.name}</strong>
      <small>
        {detail.length > 0
          ? detail.join(' · ')
          : data.retries
            ? `retry ×${data.retries}`
            : '\u00a0'}
      </small>
      <Handle type="source" position={Position.Bottom} isConnectable={false} />
    </div>
  );
}
