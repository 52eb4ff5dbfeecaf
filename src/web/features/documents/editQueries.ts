import type { Lang } from '../../../contract/common.js';
import type {
  DocumentImport,
  NodeCreate,
  NodeMove,
  NodeTranslation,
  NodeUpdate,
  OutcomeDocument,
  OutcomeDocumentCreate,
  OutcomeStatusChange,
} from '../../../contract/outcome-documents.js';
import { sendJson } from '../../api/send.js';
import { useWrite } from '../agenda/queries.js';
import { DOCUMENTS_KEY } from './queries.js';

// The secretariat's writes while drafting: each names the version read and answers the whole
// document; the documents' queries are read again afterwards (a 409 means the page is stale).

const path = (id: string, rest = '') => `/documents/${encodeURIComponent(id)}${rest}`;
const useDocumentWrite = <I>(send: (lang: Lang, input: I) => Promise<OutcomeDocument>) => useWrite(DOCUMENTS_KEY, send);

export const useCreateDocument = () =>
  useDocumentWrite((lang, input: OutcomeDocumentCreate) =>
    sendJson<OutcomeDocument>('POST', '/documents', lang, input),
  );

export const useChangeStatus = (id: string) =>
  useDocumentWrite((lang, input: OutcomeStatusChange) =>
    sendJson<OutcomeDocument>('POST', path(id, '/status'), lang, input),
  );

/** Writes the body of an empty draft as corrected from a file's proposal (ImportText). */
export const useImportBody = (id: string) =>
  useDocumentWrite((lang, input: DocumentImport) =>
    sendJson<OutcomeDocument>('POST', path(id, '/import'), lang, input),
  );

export const useAddNode = (id: string) =>
  useDocumentWrite((lang, input: NodeCreate) => sendJson<OutcomeDocument>('POST', path(id, '/nodes'), lang, input));

export const useUpdateNode = (id: string) =>
  useDocumentWrite((lang, { nodeId, ...input }: NodeUpdate & { nodeId: string }) =>
    sendJson<OutcomeDocument>('PATCH', path(id, `/nodes/${nodeId}`), lang, input),
  );

export const useMoveNode = (id: string) =>
  useDocumentWrite((lang, { nodeId, ...input }: NodeMove & { nodeId: string }) =>
    sendJson<OutcomeDocument>('POST', path(id, `/nodes/${nodeId}/move`), lang, input),
  );

export const useDeleteNode = (id: string) =>
  useDocumentWrite((lang, { nodeId, version }: { nodeId: string; version: number }) =>
    sendJson<OutcomeDocument>('DELETE', path(id, `/nodes/${nodeId}`), lang, { version }),
  );

export const useTranslateNode = (id: string) =>
  useDocumentWrite((lang, { nodeId, target, ...input }: NodeTranslation & { nodeId: string; target: Lang }) =>
    sendJson<OutcomeDocument>('PUT', path(id, `/nodes/${nodeId}/texts/${target}`), lang, input),
  );
