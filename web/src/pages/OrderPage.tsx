import { OrderSaga } from '../saga-view/OrderSaga';

export function OrderPage({ orderId }: { orderId: string }) {
  return <OrderSaga orderId={orderId} timeline definitionSource="order" />;
}
