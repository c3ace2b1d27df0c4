import type { ReactNode } from 'react';
import { AdminOrderPage } from './admin/AdminOrderPage';
import { AdminOrdersPage } from './admin/AdminOrdersPage';
import { CatalogAdminPage } from './admin/CatalogAdminPage';
import { MetricsPage } from './admin/MetricsPage';
import { Nav } from './components/Nav';
import { CartPage } from './pages/CartPage';
import { LoginPage } from './pages/LoginPage';
import { NotificationsPage } from './pages/NotificationsPage';
import { OrderPage } from './pages/OrderPage';
import { OrdersPage } from './pages/OrdersPage';
import { ProductsPage } from './pages/ProductsPage';
import { RegisterPage } from './pages/RegisterPage';
import { WalletPage } from './pages/WalletPage';
import { useHashRoute } from './router';
import { useSession } from './session';

function pageFor(
  route: string[],
  signedIn: boolean,
  profileLoaded: boolean,
  isAdmin: boolean,
): ReactNode {
  const [first, second, third] = route;
  if (first === 'login') return <LoginPage />;
  if (first === 'register') return <RegisterPage />;
  if (first === 'cart') return <CartPage />;
  if (!first) return <ProductsPage />;
  if (!signedIn) return <LoginPage />;
  if (first === 'wallet') return <WalletPage />;
  if (first === 'orders') return second ? <OrderPage orderId={second} /> : <OrdersPage />;
  if (first === 'notifications') return <NotificationsPage />;
  if (first === 'admin' && !profileLoaded) return <p>Loading…</p>;
  if (first === 'admin' && isAdmin) {
    if (second === 'orders')
      return third ? <AdminOrderPage orderId={third} /> : <AdminOrdersPage />;
    if (second === 'catalog') return <CatalogAdminPage />;
    if (second === 'metrics') return <MetricsPage />;
  }
  return <p>Page not found.</p>;
}

export function App() {
  const route = useHashRoute();
  const { profile } = useSession();
  const signedIn = profile !== undefined || sessionStorage.getItem('shop.accessToken') !== null;
  return (
    <>
      <Nav />
      <main>{pageFor(route, signedIn, profile !== undefined, profile?.isAdmin ?? false)}</main>
    </>
  );
}
