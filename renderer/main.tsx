import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import './app/styles.css';
import { invalidateOnEvents } from './data/invalidation';
import { queryClient } from './data/query-client';
import { startAnomalyNotifications } from './features/changes/notifications';
import { startAlertEvents } from './features/alerts/alert-events';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);

// Bridge events (settings, snapshots, changes, runbooks, connectivity) invalidate their queries.
invalidateOnEvents(queryClient);
// Browser mode: monitoring anomalies become web notifications (under Electron, main shows them).
startAnomalyNotifications();
// The watch's alerts: refetch on change, web notifications in browser mode.
startAlertEvents();
