import { useQuery } from '@tanstack/react-query';
import type { DatasetSource } from '../../../contract/reference.js';
import { getAll } from '../../api/client.js';
import { useLang } from '../shared/useLang.js';

export function useDatasetSources() {
  const lang = useLang();
  return useQuery({
    queryKey: ['sources', lang],
    queryFn: ({ signal }) => getAll<DatasetSource>('/sources', lang, {}, signal),
  });
}
