import { useState } from 'react';
import { ErrorNote } from '../components/ErrorNote';
import { useSession } from '../session';

/** POST /admin/orders/{id}/redrive for a COMPENSATION_FAILED order; polling restarts after it. */
export function RedriveButton({
  orderId,
  onRedriven,
}: {
  orderId: string;
  onRedriven: () => void;
}) {
  const { api } = useSession();
  const [error, setError] = useState<unknown>();
  const redrive = () =>
    api.send('POST', `/admin/orders/${orderId}/redrive`).then(() => {
      setError(undefined);
      onRedriven();
    }, setError);
  return (
    <div>
      <button type="button" onClick={() => void redrive()}>
        Redrive
      </button>
      <ErrorNote error={error} feature="Redrive" />
    </div>
  );
}
