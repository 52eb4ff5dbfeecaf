import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PartnerCreate, PartnerDetail, PartnerUpdate } from '../../../contract/partners.js';
import { getJson } from '../../api/client.js';
import { sendJson } from '../../api/send.js';
import { useUpload } from '../shared/upload.js';
import { useLang } from '../shared/useLang.js';

/** The secretariat's partner administration. Partners are public records, so the keys are public:
 * every change refreshes the public list (['partners', lang], see team/queries.ts) too. */

const path = (slug: string) => `/partners/${encodeURIComponent(slug)}`;

export function usePartner(slug: string | null) {
  const lang = useLang();
  return useQuery({
    queryKey: ['partners', lang, 'one', slug],
    queryFn: ({ signal }) => getJson<PartnerDetail>(path(slug as string), lang, {}, signal),
    enabled: slug !== null,
    staleTime: 0,
  });
}

function useChanged() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: ['partners'] });
}

export function useCreatePartner() {
  const lang = useLang();
  const changed = useChanged();
  return useMutation({
    mutationFn: (input: PartnerCreate) => sendJson<PartnerDetail>('POST', '/partners', lang, input),
    onSuccess: changed,
  });
}

export function useUpdatePartner(slug: string) {
  const lang = useLang();
  const changed = useChanged();
  return useMutation({
    mutationFn: (input: PartnerUpdate) => sendJson<PartnerDetail>('PATCH', path(slug), lang, input),
    // A 409 carries the current record: reload either way.
    onSettled: changed,
  });
}

export function useDeletePartner(slug: string) {
  const lang = useLang();
  const changed = useChanged();
  return useMutation({
    mutationFn: () => sendJson('DELETE', path(slug), lang),
    onSuccess: changed,
  });
}

export function useUploadLogo(slug: string) {
  return useUpload<{ file: File }, PartnerDetail>(() => `${path(slug)}/logo`, useChanged());
}

export function useRemoveLogo(slug: string) {
  const lang = useLang();
  const changed = useChanged();
  return useMutation({
    mutationFn: () => sendJson('DELETE', `${path(slug)}/logo`, lang),
    onSettled: changed,
  });
}
