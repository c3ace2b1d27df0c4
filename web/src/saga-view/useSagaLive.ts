import { useEffect, useRef, useState } from 'react';
import type { Order, SagaDefinition, SagaTrace } from '../api/types';
import { useSession } from '../session';

export interface SagaLive {
  order?: Order;
  trace?: SagaTrace;
  definition?: SagaDefinition;
  error?: unknown;
  /** Polls again after a redrive, until the trace shows it and the execution has ended again. */
  restart: () => void;
}

const POLL_MS = 400;

/** Where the graph's ASL comes from: the deployed machine (admin), or the one this order ran. */
export type DefinitionSource = 'deployed' | 'order';

const definitionPath = (source: DefinitionSource, orderId: string): string =>
  source === 'deployed' ? '/saga/definition' : `/orders/${orderId}/saga/definition`;

/**
 * The order and its saga's path, polled while the order is PENDING or its execution runs, so the
 * graph colours each step as the saga reaches it. The definition is read once.
 */
export function useSagaLive(orderId: string, source: DefinitionSource = 'deployed'): SagaLive {
  const { api } = useSession();
  const [state, setState] = useState<Omit<SagaLive, 'restart'>>({});
  const [round, setRound] = useState(0);
  // How often the execution had been redriven when the last round of polling began.
  const redrives = useRef(0);

  useEffect(() => {
    let live = true;
    api.get<SagaDefinition>(definitionPath(source, orderId)).then(
      (definition) => live && setState((s) => ({ ...s, definition })),
      (error: unknown) => live && setState((s) => ({ ...s, error })),
    );
    return () => {
      live = false;
    };
  }, [api, orderId, source]);

  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const redrivesBefore = redrives.current;
    const poll = async () => {
      try {
        const order = await api.get<Order>(`/orders/${orderId}`);
        const trace = await api.get<SagaTrace>(`/orders/${orderId}/saga`).catch(() => undefined);
        if (!live) return;
        setState((s) => ({ ...s, order, trace, error: undefined }));
        redrives.current = trace?.redrivenAt?.length ?? 0;
        // After a redrive is accepted, the failed execution may read as ended for a moment.
        const awaitingRedrive =
          round > 0 && order.status === 'COMPENSATION_FAILED' && redrives.current <= redrivesBefore;
        const settled =
          order.status !== 'PENDING' &&
          trace !== undefined &&
          trace.status !== 'RUNNING' &&
          !awaitingRedrive;
        if (!settled) timer = setTimeout(() => void poll(), POLL_MS);
      } catch (error) {
        if (live) setState((s) => ({ ...s, error }));
      }
    };
    void poll();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, orderId, round]);

  return { ...state, restart: () => setRound((n) => n + 1) };
}
