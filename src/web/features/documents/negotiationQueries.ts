import { useQuery } from '@tanstack/react-query';
import type { Lang } from '../../../contract/common.js';
import type { DocumentShareList } from '../../../contract/document-shares.js';
import type {
  AgreementChange,
  Amendment,
  AmendmentCreate,
  AmendmentMerge,
  Blockers,
  BracketCreate,
  BracketResolve,
  FootnoteCreate,
  ObjectionCreate,
  PositionCreate,
  RevisionIssue,
  SilenceBreak,
  SilenceOpen,
  VersionComparison,
  VersionSummary,
} from '../../../contract/negotiation.js';
import type { OutcomeDocument } from '../../../contract/outcome-documents.js';
import { getJson } from '../../api/client.js';
import { sendJson } from '../../api/send.js';
import { useWrite } from '../agenda/queries.js';
import { useLang } from '../shared/useLang.js';
import { DOCUMENTS_KEY } from './queries.js';

// The negotiation of a document: its reads sit under the documents' key, so every write (which
// reads them all again when it settles) refreshes the text, the amendments and the blockers at once.

const path = (id: string, rest = '') => `/documents/${encodeURIComponent(id)}${rest}`;

function useDocumentRead<T>(id: string, what: string, rest: string, params = {}, enabled = true) {
  const lang = useLang();
  return useQuery({
    queryKey: [...DOCUMENTS_KEY, what, lang, id, params],
    queryFn: ({ signal }) => getJson<T>(path(id, rest), lang, params, signal),
    enabled,
  });
}

export const useAmendments = (id: string) => useDocumentRead<{ items: Amendment[] }>(id, 'amendments', '/amendments');
export const useBlockers = (id: string) => useDocumentRead<Blockers>(id, 'blockers', '/blockers');
export const useVersions = (id: string) => useDocumentRead<{ items: VersionSummary[] }>(id, 'versions', '/versions');
export const useComparison = (id: string, range: { from: number; to: number } | null) =>
  useDocumentRead<VersionComparison>(id, 'compare', '/versions/compare', range ?? {}, range !== null);

const useNegotiationWrite = <I, O = OutcomeDocument>(send: (lang: Lang, input: I) => Promise<O>) =>
  useWrite(DOCUMENTS_KEY, send);

export const usePropose = (id: string) =>
  useNegotiationWrite((lang, input: AmendmentCreate) =>
    sendJson<Amendment>('POST', path(id, '/amendments'), lang, input),
  );

export const usePosition = (id: string) =>
  useNegotiationWrite((lang, { amendmentId, ...input }: PositionCreate & { amendmentId: string }) =>
    sendJson<Amendment>('POST', path(id, `/amendments/${amendmentId}/positions`), lang, input),
  );

export const useDecide = (id: string) =>
  useNegotiationWrite(
    (lang, { amendmentId, verb, version }: { amendmentId: string; verb: 'accept' | 'reject'; version: number }) =>
      sendJson<OutcomeDocument>('POST', path(id, `/amendments/${amendmentId}/${verb}`), lang, { version }),
  );

export const useMerge = (id: string) =>
  useNegotiationWrite((lang, input: AmendmentMerge) =>
    sendJson<OutcomeDocument>('POST', path(id, '/amendments/merge'), lang, input),
  );

export const useBracket = (id: string) =>
  useNegotiationWrite((lang, { nodeId, ...input }: BracketCreate & { nodeId: string }) =>
    sendJson<OutcomeDocument>('POST', path(id, `/nodes/${nodeId}/brackets`), lang, input),
  );

export const useResolve = (id: string) =>
  useNegotiationWrite((lang, { nodeId, bracketId, ...input }: BracketResolve & { nodeId: string; bracketId: string }) =>
    sendJson<OutcomeDocument>('POST', path(id, `/nodes/${nodeId}/brackets/${bracketId}/resolve`), lang, input),
  );

export const useIssueRevision = (id: string) =>
  useNegotiationWrite((lang, input: RevisionIssue) =>
    sendJson<OutcomeDocument>('POST', path(id, '/revisions'), lang, input),
  );

export const useAgreement = (id: string) =>
  useNegotiationWrite((lang, { nodeId, ...input }: AgreementChange & { nodeId: string }) =>
    sendJson<OutcomeDocument>('POST', path(id, `/nodes/${nodeId}/agreement`), lang, input),
  );

export const useFootnote = (id: string) =>
  useNegotiationWrite((lang, input: FootnoteCreate) =>
    sendJson<OutcomeDocument>('POST', path(id, '/footnotes'), lang, input),
  );

export const useObject = (id: string) =>
  useNegotiationWrite((lang, input: ObjectionCreate) =>
    sendJson<Blockers>('POST', path(id, '/objections'), lang, input),
  );

export const useWithdrawObjection = (id: string) =>
  useNegotiationWrite((lang, { objectionId, state }: { objectionId: string; state: string }) =>
    sendJson<Blockers>('POST', path(id, `/objections/${objectionId}/withdraw`), lang, { state }),
  );

export const useOpenSilence = (id: string) =>
  useNegotiationWrite((lang, input: SilenceOpen) =>
    sendJson<OutcomeDocument>('POST', path(id, '/silence'), lang, input),
  );

export const useCancelSilence = (id: string) =>
  useNegotiationWrite((lang, input: { version: number }) =>
    sendJson<OutcomeDocument>('POST', path(id, '/silence/cancel'), lang, input),
  );

export const useBreakSilence = (id: string) =>
  useNegotiationWrite((lang, input: SilenceBreak) =>
    sendJson<OutcomeDocument>('POST', path(id, '/silence/break'), lang, input),
  );

// Sharing with strategic partners: the secretariat's; the shares sit under the documents' key too.
export const useShares = (id: string, enabled: boolean) =>
  useDocumentRead<DocumentShareList>(id, 'shares', '/shares', {}, enabled);

export const useShare = (id: string) =>
  useNegotiationWrite((lang, { partner, share }: { partner: string; share: boolean }) =>
    sendJson<DocumentShareList>(share ? 'PUT' : 'DELETE', path(id, `/shares/${encodeURIComponent(partner)}`), lang),
  );
