import type { Lang } from '../../contract/common.js';
import { ApiError, apiUrl, failure } from './client.js';

// Writes and what forms make of their refusals, apart from the reads of client.ts: the public
// pages, which only read, do not load them (docs/performance.md).

/** A state-changing call: a JSON body in, the JSON reply (or undefined for 204/202 without one) out.
 * A refusal throws ApiError, whose problem's `errors` name the fields a form should mark. */
export async function sendJson<T = undefined>(
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  lang: Lang,
  body?: unknown,
  /** Sent even if the page is closed meanwhile (an autosave as the tab goes). */
  keepalive = false,
): Promise<T> {
  const response = await fetch(apiUrl(path, lang), {
    method,
    keepalive,
    headers: {
      accept: 'application/json',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
  });
  if (!response.ok) throw await failure(response);
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** The reasons the server gave per field (`errors[].name`, e.g. "password" or "grants.0.role"). */
export function fieldErrors(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!(error instanceof ApiError)) return out;
  for (const item of error.problem?.errors ?? []) out[item.name] ??= item.reason;
  return out;
}
