import type { Lang } from '../../contract/common.js';
import { apiUrl, failure, type QueryParams } from './client.js';

/**
 * PUTs (or POSTs, to add one to a list) one file to an API path as multipart/form-data (field
 * `file`). `fields` go before the file, so the server reads them (a version, say) before the bytes;
 * `onProgress` gets the fraction sent (0 to 1).
 */
export function putFile<T>(
  path: string,
  lang: Lang,
  file: File,
  onProgress: (fraction: number) => void,
  fields: Record<string, string> = {},
  method: 'PUT' | 'POST' = 'PUT',
): Promise<T> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append('file', file);
  return sendWithProgress(method, apiUrl(path, lang), form, onProgress);
}

/** POSTs a file's bytes as the body (an import), with its media type and the query's `params`. */
export function postFileBody<T>(
  path: string,
  lang: Lang,
  params: QueryParams,
  file: File,
  mediaType: string,
  onProgress: (fraction: number) => void,
): Promise<T> {
  return sendWithProgress('POST', apiUrl(path, lang, params), file, onProgress, mediaType);
}

/**
 * Sends a body with XMLHttpRequest, whose upload events give the progress that fetch cannot.
 * A refusal rejects with ApiError carrying the server's problem document, as the JSON calls do.
 */
function sendWithProgress<T>(
  method: 'PUT' | 'POST',
  url: string,
  body: XMLHttpRequestBodyInit,
  onProgress: (fraction: number) => void,
  mediaType?: string,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open(method, url);
    request.setRequestHeader('accept', 'application/json');
    if (mediaType) request.setRequestHeader('content-type', mediaType);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    request.onload = () => {
      if (request.status >= 200 && request.status < 300) {
        resolve(parsed(request.responseText) as T);
        return;
      }
      // Read as the JSON calls read a refusal, so both give the same ApiError.
      const headers = { 'content-type': request.getResponseHeader('content-type') ?? '' };
      void failure(new Response(request.responseText, { status: request.status, headers })).then(reject);
    };
    request.onerror = () => reject(new TypeError('network error'));
    request.send(body);
  });
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
