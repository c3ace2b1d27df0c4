import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { createApiClient, type ApiClient } from './api/client';
import type { Profile } from './api/types';
import type { RuntimeConfig } from './config';

/** Who is signed in, and the API client that speaks for them. The token lives for the tab only. */
export interface Session {
  config: RuntimeConfig;
  api: ApiClient;
  profile: Profile | undefined;
  signIn: (email: string, password: string) => Promise<void>;
  signOut: () => void;
}

const TOKEN_KEY = 'shop.accessToken';
const SessionContext = createContext<Session | undefined>(undefined);

export function SessionProvider({
  config,
  children,
}: {
  config: RuntimeConfig;
  children: ReactNode;
}) {
  const [token, setToken] = useState(() => sessionStorage.getItem(TOKEN_KEY) ?? undefined);
  const [profile, setProfile] = useState<Profile>();
  const api = useMemo(() => createApiClient(config.apiUrl, () => token), [config.apiUrl, token]);

  useEffect(() => {
    if (!token) return setProfile(undefined);
    api.get<Profile>('/users/me').then(setProfile, () => {
      sessionStorage.removeItem(TOKEN_KEY);
      setToken(undefined);
    });
  }, [api, token]);

  const signIn = useCallback(
    async (email: string, password: string) => {
      const { accessToken } = await api.send<{ accessToken: string }>('POST', '/auth/login', {
        body: { email, password },
      });
      sessionStorage.setItem(TOKEN_KEY, accessToken);
      setToken(accessToken);
    },
    [api],
  );
  const signOut = useCallback(() => {
    sessionStorage.removeItem(TOKEN_KEY);
    setToken(undefined);
  }, []);

  const session = useMemo(
    () => ({ config, api, profile, signIn, signOut }),
    [config, api, profile, signIn, signOut],
  );
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
