import type { ReactNode } from 'react';
import { ApiError } from '../../api/client.js';
import { Field, FormAlert, FormStatus, onSubmit, useProblemMessage } from './forms.js';
import { RefusedRows } from './RefusedRows.js';
import { UploadProgress } from './upload.js';

/**
 * The form of every import of a file (observatory values, follow-up items): the file, the
 * import's own fields, the upload's progress, Preview (the submit) and, once previewed, the
 * button that applies; then what the server said: its refusal, the rows it refused, or the status.
 */
export function ImportForm(props: {
  file: { label: string; hint: string; accept: string; error: string | undefined };
  onFile: (file: File | null) => void;
  children?: ReactNode;
  progress: number | null;
  pending: boolean;
  previewLabel: string;
  onPreview: () => void;
  /** The apply button's words, once a preview allows it. */
  applyLabel: string | null;
  onApply: () => void;
  error: unknown;
  status: string | null;
}) {
  const problemMessage = useProblemMessage();
  const refused = props.error instanceof ApiError ? (props.error.problem?.errors ?? []) : [];
  return (
    <>
      <form className="form" noValidate onSubmit={onSubmit(props.onPreview)}>
        <Field label={props.file.label} hint={props.file.hint} error={props.file.error}>
          {(control) => (
            <input
              {...control}
              type="file"
              accept={props.file.accept}
              onChange={(event) => props.onFile(event.target.files?.[0] ?? null)}
            />
          )}
        </Field>
        {props.children}
        <UploadProgress progress={props.progress} />
        <div className="form__actions">
          <button type="submit" className="button" disabled={props.pending}>
            {props.previewLabel}
          </button>
          {props.applyLabel && (
            <button type="button" className="button button--primary" disabled={props.pending} onClick={props.onApply}>
              {props.applyLabel}
            </button>
          )}
        </div>
        <FormAlert message={problemMessage(props.error)} />
        <FormStatus message={props.status} />
      </form>
      <RefusedRows errors={refused} />
    </>
  );
}
