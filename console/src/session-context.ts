import { createContext, useContext } from 'react';
import type { ConsoleConfig, Session } from './auth.ts';

export interface SessionState {
  session: Session | null;
  config: ConsoleConfig | null;
  setSession: (session: Session | null) => void;
}

export const SessionContext = createContext<SessionState>({ session: null, config: null, setSession: () => {} });
export const useSession = () => useContext(SessionContext);
