import { useQuery } from '@tanstack/react-query';
import type { Network } from '../../../contract/reference.js';
import { getAll } from '../../api/client.js';
import { useLang } from '../shared/useLang.js';

export function useNetworks() {
  const lang = useLang();
  return useQuery({
    queryKey: ['networks', lang],
    queryFn: ({ signal }) => getAll<Network>('/networks', lang, {}, signal),
  });
}
