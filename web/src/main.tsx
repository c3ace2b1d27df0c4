import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { loadRuntimeConfig } from './config';
import { SessionProvider } from './session';
import './styles.css';

const root = createRoot(document.getElementById('root') as HTMLElement);

loadRuntimeConfig().then(
  (config) =>
    root.render(
      <StrictMode>
        <SessionProvider config={config}>
          <App />
        </SessionProvider>
      </StrictMode>,
    ),
  (error: unknown) =>
    root.render(<p role="alert">The console could not read its settings: {String(error)}</p>),
);
