import { QueryClient, type QueryClientConfig } from '@tanstack/react-query';
import { ApiError } from '../api/client.js';

/** How the portal keeps API answers, in the browser and while the server renders a page. */
export const QUERY_DEFAULTS = {
  queries: {
    // Reference data changes a few times a year; a visit never needs to ask twice.
    staleTime: 10 * 60 * 1000,
    // A 404 or a bad filter will not heal by asking again.
    retry: (failures: number, error: unknown) => !(error instanceof ApiError && error.status < 500) && failures < 2,
  },
} satisfies QueryClientConfig['defaultOptions'];

export const createQueryClient = () => new QueryClient({ defaultOptions: QUERY_DEFAULTS });
