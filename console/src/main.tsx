import '@codegouvfr/react-dsfr/dsfr/dsfr.min.css';
import 'virtual:dsfr-icons.css';
import './console.css';
import { startReactDsfr } from '@codegouvfr/react-dsfr/spa';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { Link } from './router.tsx';

startReactDsfr({ defaultColorScheme: 'light', Link });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
