import { useEffect, useState } from 'react';

/**
 * Routes live in the URL's hash (#/orders/42): a static host (S3, the local static server) then
 * serves one index.html for every page, with no rewrite rules.
 */
export function useHashRoute(): string[] {
  const [hash, setHash] = useState(() => window.location.hash);
  useEffect(() => {
    const onChange = () => setHash(window.location.hash);
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
}

export const navigate = (path: string): void => {
  window.location.hash = path;
};
