import { useSession } from '../session';

/** The top bar: the storefront's pages, the admin's when the user is one, and sign in/out. */
export function Nav() {
  const { profile, signOut, config } = useSession();
  return (
    <header className="topbar">
      <a className="brand" href="#/">
        Shop console <small>{config.stage}</small>
      </a>
      <nav aria-label="Main">
        <a href="#/">Products</a>
        <a href="#/cart">Cart</a>
        {profile && (
          <>
            <a href="#/wallet">Wallet</a>
            <a href="#/orders">Orders</a>
            <a href="#/notifications">Notifications</a>
          </>
        )}
        {profile?.isAdmin && (
          <>
            <a href="#/admin/orders">All orders</a>
            <a href="#/admin/catalog">Catalog</a>
            <a href="#/admin/metrics">Metrics</a>
          </>
        )}
        {profile ? (
          <button type="button" className="link" onClick={signOut}>
            Sign out ({profile.name})
          </button>
        ) : (
          <>
            <a href="#/login">Sign in</a>
            <a href="#/register">Register</a>
          </>
        )}
      </nav>
    </header>
  );
}
