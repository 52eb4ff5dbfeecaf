import type { Lang, Page, Problem } from '../../contract/common.js';
import { LIMIT_MAX as PAGE_SIZE } from '../../domain/paging.js';

export type QueryParams = Record<string, string | number | undefined>;

/** A failed API call, carrying the RFC 9457 problem when the server sent one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem | null,
  ) {
    super(problem?.detail ?? `HTTP ${status}`);
    this.name = 'ApiError';
  }
}

export function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404;
}

/** The address of an API path, in the reader's language. */
export function apiUrl(path: string, lang: Lang, params: QueryParams = {}): string {
  const search = new URLSearchParams({ lang });
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(name, String(value));
  }
  return `/api/v1${path}?${search}`;
}

/** The ApiError of a refused call, with the problem document when the server sent one as JSON. */
export async function failure(response: Response): Promise<ApiError> {
  const problem = response.headers.get('content-type')?.includes('json')
    ? ((await response.json().catch(() => null)) as Problem | null)
    : null;
  return new ApiError(response.status, problem);
}

type Transport = (url: string, init: RequestInit) => Promise<Response>;

/** How API reads leave: the browser's fetch, or, while the server renders a page, a read made
 * in-process as the reader (entry-server.tsx). */
let transport: Transport = (url, init) => fetch(url, init);

export function setApiTransport(send: Transport): void {
  transport = send;
}

export async function getJson<T>(path: string, lang: Lang, params?: QueryParams, signal?: AbortSignal): Promise<T> {
  // The session cookie goes with every call to our own origin, and never anywhere else.
  const response = await transport(apiUrl(path, lang, params), {
    headers: { accept: 'application/json' },
    credentials: 'same-origin',
    signal,
  });
  if (!response.ok) throw await failure(response);
  return (await response.json()) as T;
}

/** Every item of a list, following `nextCursor`: reference lists are small, so pages are a server concern. */
export async function getAll<T>(
  path: string,
  lang: Lang,
  params: QueryParams = {},
  signal?: AbortSignal,
): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page: Page<T> = await getJson<Page<T>>(path, lang, { ...params, limit: PAGE_SIZE, cursor }, signal);
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return items;
}
