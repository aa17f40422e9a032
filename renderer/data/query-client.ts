import { QueryClient } from '@tanstack/react-query';

/**
 * The renderer's one cache of server state. Main's API client already retries GETs and serves the
 * offline copy, so queries do not retry on their own; auto-refresh intervals never run while the
 * window is hidden (refetchIntervalInBackground: false).
 */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      retry: false,
      staleTime: 2_000,
      gcTime: 5 * 60_000,
      refetchOnWindowFocus: false,
      refetchIntervalInBackground: false,
    },
  },
});
