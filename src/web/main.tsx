import './styles/base.css';
import './styles/layout.css';
import './styles/components.css';
import './styles/features.css';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { RouterProvider } from 'react-router';
import { ApiError } from './api/client.js';
import { router } from './app/router.js';
import { i18n } from './i18n/index.js';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Reference data changes a few times a year; a visit never needs to ask twice.
      staleTime: 10 * 60 * 1000,
      // A 404 or a bad filter will not heal by asking again.
      retry: (failures, error) => !(error instanceof ApiError && error.status < 500) && failures < 2,
    },
  },
});

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

// The first render as a transition: React yields to the browser between pieces of work, so a slow
// phone stays responsive while the page is built (docs/performance.md).
const app = createRoot(root);
startTransition(() =>
  app.render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </I18nextProvider>
    </StrictMode>,
  ),
);
