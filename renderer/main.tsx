import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import './app/styles.css';
import { startAnomalyNotifications } from './features/changes/notifications';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

// Browser mode: monitoring anomalies become web notifications (under Electron, main shows them).
startAnomalyNotifications();
