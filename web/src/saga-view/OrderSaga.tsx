import { lazy, Suspense, type ReactNode } from 'react';
import { ErrorNote } from '../components/ErrorNote';
import { StatusBadge } from '../components/StatusBadge';
import { money, shortId } from '../format';
import { Legend } from './Legend';
import { SagaTimeline } from './SagaTimeline';
import { type DefinitionSource, useSagaLive } from './useSagaLive';

// ELK and React Flow are most of the console's JavaScript: only the order pages load them.
const SagaGraph = lazy(() => import('./SagaGraph'));

/** An order, its saga drawn with the path coloured live, and (for admins) its timeline. */
export function OrderSaga({
  orderId,
  timeline,
  actions,
  definitionSource,
}: {
  orderId: string;
  /** The customer's page draws the machine its order ran; admins read the deployed one. */
  definitionSource?: DefinitionSource;
  timeline?: boolean;
  actions?: (restart: () => void, status?: string) => ReactNode;
}) {
  const live = useSagaLive(orderId, definitionSource);
  const { order, trace, definition, error } = live;
  return (
    <section>
      <h1>Order {shortId(orderId)}</h1>
      <ErrorNote error={error} />
      {order && (
        <p>
          <StatusBadge status={order.status} reason={order.cancellationReason} /> ·{' '}
          {order.items.map((item) => `${item.quantity} × ${item.name}`).join(', ')} ·{' '}
          {money(order.total, order.currency)}
        </p>
      )}
      {actions?.(live.restart, order?.status)}
      <h2>Saga</h2>
      <Legend />
      {definition ? (
        <Suspense fallback={<p>Loading the graph…</p>}>
          <SagaGraph definition={definition.definition} steps={trace?.steps ?? []} />
        </Suspense>
      ) : (
        <p>Loading the saga definition…</p>
      )}
      {timeline && trace && <SagaTimeline trace={trace} />}
    </section>
  );
}
