import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { DOCUMENTS_KEY } from './queries.js';

/** How the page stands with the document's live stream. */
export type LiveState = 'connecting' | 'live' | 'reconnecting' | 'stopped';

/**
 * Keeps what the page shows of a document current while others change it: each event of the
 * document's stream (GET /documents/{id}/events) marks the documents' queries stale, so the ones on
 * screen are read again; TanStack Query stays the only store. Opening (and reopening) the stream
 * reads them again too: a change made while it was closed is then shown. The browser's
 * EventSource reconnects by itself, sending the id of the last event it got, and stops when the
 * server refuses it (the reader signed out or may no longer read the document).
 */
export function useLiveDocument(id: string, enabled: boolean): LiveState {
  const client = useQueryClient();
  const [state, setState] = useState<LiveState>('connecting');
  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    const refresh = () => void client.invalidateQueries({ queryKey: DOCUMENTS_KEY });
    const source = new EventSource(`/api/v1/documents/${encodeURIComponent(id)}/events`);
    setState('connecting');
    source.onopen = () => {
      setState('live');
      refresh();
    };
    source.addEventListener('change', refresh);
    source.onerror = () => {
      if (source.readyState === EventSource.CLOSED) {
        setState('stopped');
        // Refused: what the page shows may be gone for this reader; reading again says so.
        refresh();
      } else setState('reconnecting');
    };
    return () => source.close();
  }, [client, id, enabled]);
  return state;
}
