import { OrderSaga } from '../saga-view/OrderSaga';
import { RedriveButton } from './RedriveButton';

export function AdminOrderPage({ orderId }: { orderId: string }) {
  return (
    <OrderSaga
      orderId={orderId}
      timeline
      actions={(restart, status) => (
        <RedriveButton orderId={orderId} status={status} onRedriven={restart} />
      )}
    />
  );
}
