import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { putFile } from '../../api/upload.js';
import { useTranslation } from '../../i18n/react.js';
import { useLang } from './useLang.js';

/**
 * A file sent to an API path as a mutation, with the fraction sent so far (`progress`, null while
 * no upload runs). `changed` runs after it either way, as after the JSON writes (a refusal may
 * mean the page shows something stale). `fieldsOf` names form fields sent before the file.
 */
export function useUpload<V extends { file: File }, T>(
  pathOf: (input: V) => string,
  /** After the upload, with what the server answered (undefined when it failed). */
  changed: (written: T | undefined) => unknown,
  fieldsOf?: (input: V) => Record<string, string>,
  /** POST adds the file to a list (a report's evidence); PUT puts it in its place. */
  method: 'PUT' | 'POST' = 'PUT',
) {
  const lang = useLang();
  const [progress, setProgress] = useState<number | null>(null);
  const mutation = useMutation({
    mutationFn: (input: V) => {
      setProgress(0);
      return putFile<T>(pathOf(input), lang, input.file, setProgress, fieldsOf?.(input), method);
    },
    onSettled: (written) => {
      setProgress(null);
      return changed(written);
    },
  });
  return { mutation, progress };
}

/** The progress of a running upload, its percentage named for screen readers. */
export function UploadProgress({ progress }: { progress: number | null }) {
  const { t } = useTranslation();
  if (progress === null) return null;
  return (
    <progress
      className="upload-progress"
      max={1}
      value={progress}
      aria-label={t('forms.uploading', { percent: Math.round(progress * 100) })}
    />
  );
}
