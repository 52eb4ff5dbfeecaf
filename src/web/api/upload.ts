import type { Lang } from '../../contract/common.js';
import { apiUrl, failure } from './client.js';

/**
 * PUTs one file to an API path as multipart/form-data (field `file`) with XMLHttpRequest, whose
 * upload events give the progress that fetch cannot; `onProgress` gets the fraction sent (0 to 1).
 * `fields` go before the file, so the server reads them (a version, say) before the bytes.
 * A refusal rejects with ApiError carrying the server's problem document, as the JSON calls do.
 */
export function putFile<T>(
  path: string,
  lang: Lang,
  file: File,
  onProgress: (fraction: number) => void,
  fields: Record<string, string> = {},
): Promise<T> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('PUT', apiUrl(path, lang));
    request.setRequestHeader('accept', 'application/json');
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
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    form.append('file', file);
    request.send(form);
  });
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
