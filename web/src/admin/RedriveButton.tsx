import { useState } from 'react';
import { ApiError } from '../api/client';
import type { Order } from '../api/types';
import { ErrorNote } from '../components/ErrorNote';
import { useSession } from '../session';

/**
 * POST /admin/orders/{id}/redrive for a COMPENSATION_FAILED order, shown only for one, then
 * polling again so the page follows the undo steps to CANCELLED. The answer, in the contract's
 * words, stays on the page after the button has gone.
 */
export function RedriveButton({
  orderId,
  status,
  onRedriven,
}: {
  orderId: string;
  status?: string;
  onRedriven: () => void;
}) {
  const { api } = useSession();
  const [error, setError] = useState<unknown>();
  const [accepted, setAccepted] = useState(false);
  const [sending, setSending] = useState(false);
  const redrive = () => {
    setSending(true);
    api
      .send<Order>('POST', `/admin/orders/${orderId}/redrive`)
      .then(
        () => {
          setError(undefined);
          setAccepted(true);
          onRedriven();
        },
        (failure: unknown) => {
          setError(failure);
          // 409: the order has moved on (another admin redrove it); the page catches up.
          if (failure instanceof ApiError && failure.status === 409) onRedriven();
        },
      )
      .finally(() => setSending(false));
  };
  if (status !== 'COMPENSATION_FAILED' && !accepted && !error) return null;
  return (
    <div>
      {status === 'COMPENSATION_FAILED' && !accepted && (
        <button type="button" disabled={sending} onClick={redrive}>
          Redrive
        </button>
      )}
      {accepted && (
        <p className="note" role="status">
          Redrive accepted (202): the undo steps run again, and the order ends CANCELLED once they
          succeed.
        </p>
      )}
      <ErrorNote error={error} />
    </div>
  );
}
