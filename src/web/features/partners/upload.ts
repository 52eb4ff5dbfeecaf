import type { Problem } from '../../../contract/common.js';
import { ApiError } from '../../api/client.js';

/**
 * PUTs one file as multipart/form-data (field `file`) with XMLHttpRequest, whose upload events give
 * the progress that fetch cannot; `onProgress` gets the fraction sent (0 to 1). A refusal rejects
 * with ApiError carrying the server's problem document, as the JSON calls do.
 */
export function putFile<T>(url: string, file: File, onProgress: (fraction: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('PUT', url);
    request.setRequestHeader('accept', 'application/json');
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    request.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(request.responseText);
      } catch {
        body = null;
      }
      if (request.status >= 200 && request.status < 300) resolve(body as T);
      else reject(new ApiError(request.status, body as Problem | null));
    };
    request.onerror = () => reject(new TypeError('network error'));
    const form = new FormData();
    form.append('file', file);
    request.send(form);
  });
}
