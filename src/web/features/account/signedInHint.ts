/**
 * Whether this browser signed in last time it knew. The session cookie is HttpOnly, so the page
 * cannot see it; without this hint every public page would ask /api/v1/me and get a 401 that the
 * browser reports as an error. Only a hint: the server's answer to /me is what counts.
 */
const KEY = 'mispa.signedIn';

export function hasSignedInHint(): boolean {
  try {
    return window.localStorage.getItem(KEY) === '1';
  } catch {
    // Storage can be off (private modes, policies); asking the server is then the only way to know.
    return true;
  }
}

export function setSignedInHint(signedIn: boolean): void {
  try {
    if (signedIn) window.localStorage.setItem(KEY, '1');
    else window.localStorage.removeItem(KEY);
  } catch {
    // Nothing to remember it in; see hasSignedInHint.
  }
}
