import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { App } from './app.js';
import './styles.css';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 5_000,
      // TanStack Query's own retry shape, capped: a failing API shows its error within seconds.
      retry: (count, error) => count < 2 && !(error as { status?: number }).status,
      retryDelay: (count) => Math.min(1000 * 2 ** count, 30_000),
    },
  },
});

// A data router (one route; the app's own <Routes> below it): editors can then hold a link that would
// drop unsaved changes (`useBlocker`).
const router = createBrowserRouter([{ path: '*', element: <App /> }]);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
);
