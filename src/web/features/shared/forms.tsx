import {
  type FormEvent,
  type InputHTMLAttributes,
  type ReactNode,
  type RefObject,
  type TextareaHTMLAttributes,
  useEffect,
  useId,
  useState,
} from 'react';
import { PASSWORD_MIN_LENGTH } from '../../../domain/accounts.js';
import { TOTP_CODE_PATTERN } from '../../../domain/two-factor.js';
import { ApiError } from '../../api/client.js';
import { fieldErrors } from '../../api/send.js';
import { useTranslation } from '../../i18n/react.js';
// The form styles live with the account pages' stylesheet, the first to need them.
import '../account/account.css';

export type FieldErrors = Record<string, string | undefined>;

type ControlProps = { id: string; 'aria-invalid': true | undefined; 'aria-describedby': string | undefined };

/** The ids of a hint and an error and the aria-describedby that names those present. */
function useDescription(hint: ReactNode, error: string | undefined) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return { id, hintId: `${id}-hint`, errorId: `${id}-error`, describedBy: describedBy || undefined };
}

/** A labelled control with its hint and its error, both tied to it for screen readers. */
export function Field({
  label,
  error,
  hint,
  children,
}: {
  label: ReactNode;
  error?: string | undefined;
  hint?: ReactNode;
  children: (control: ControlProps) => ReactNode;
}) {
  const { id, hintId, errorId, describedBy } = useDescription(hint, error);
  return (
    <div className={error ? 'field field--invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <div id={hintId} className="field__hint">
          {hint}
        </div>
      )}
      {children({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy })}
      {error && (
        <p id={errorId} className="field__error">
          {error}
        </p>
      )}
    </div>
  );
}

/** What a text field takes besides its control's own attributes, which go to the control as given. */
type TextProps<A> = {
  label: ReactNode;
  error?: string | undefined;
  hint?: ReactNode;
  value: string;
  onChange: (value: string) => void;
} & Omit<A, 'id' | 'value' | 'onChange' | 'children'>;

/** A Field whose control is an input holding text. */
export function TextField({
  label,
  error,
  hint,
  value,
  onChange,
  ...input
}: TextProps<InputHTMLAttributes<HTMLInputElement>>) {
  return (
    <Field label={label} error={error} hint={hint}>
      {(control) => <input {...control} {...input} value={value} onChange={(event) => onChange(event.target.value)} />}
    </Field>
  );
}

/**
 * An e-mail address. By default the username of one's own account, so that password managers file
 * under it; `autoComplete="off"` where it is someone else's (an invitation).
 */
export function EmailField({
  autoComplete = 'username',
  ...field
}: Pick<TextProps<InputHTMLAttributes<HTMLInputElement>>, 'label' | 'error' | 'value' | 'onChange'> & {
  autoComplete?: 'username' | 'off';
}) {
  return <TextField {...field} type="email" name="email" autoComplete={autoComplete} spellCheck={false} />;
}

/** A Field whose control is a textarea. */
export function TextAreaField({
  label,
  error,
  hint,
  value,
  onChange,
  ...area
}: TextProps<TextareaHTMLAttributes<HTMLTextAreaElement>>) {
  return (
    <Field label={label} error={error} hint={hint}>
      {(control) => (
        <textarea {...control} {...area} value={value} onChange={(event) => onChange(event.target.value)} />
      )}
    </Field>
  );
}

/** A Field whose control is a select among `options`. */
export function SelectField<T extends string>({
  label,
  error,
  hint,
  value,
  onChange,
  options,
  name,
}: {
  label: ReactNode;
  error?: string | undefined;
  hint?: ReactNode;
  value: T;
  onChange: (value: T) => void;
  options: ReadonlyArray<{ value: T; label: ReactNode; lang?: string }>;
  name?: string;
}) {
  return (
    <Field label={label} error={error} hint={hint}>
      {(control) => (
        <select {...control} name={name} value={value} onChange={(event) => onChange(event.target.value as T)}>
          {options.map((option) => (
            <option key={option.value} value={option.value} lang={option.lang}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** Related controls under one legend, with a hint and an error for the group as a whole (a name
 * wanted in at least one language, a list that may not be empty), both tied to the group. */
export function FieldGroup({
  legend,
  hint,
  error,
  className,
  children,
}: {
  legend: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  className?: string;
  children: ReactNode;
}) {
  const { hintId, errorId, describedBy } = useDescription(hint, error);
  return (
    <fieldset className={className ? `fieldset ${className}` : 'fieldset'} aria-describedby={describedBy}>
      <legend>{legend}</legend>
      {hint && (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="field__error">
          {error}
        </p>
      )}
      {children}
    </fieldset>
  );
}

/** A choice of several among `options`, as checkboxes named `name` under one legend. */
export function CheckboxGroup<T extends string>({
  legend,
  name,
  options,
  chosen,
  onChange,
  error,
}: {
  legend: ReactNode;
  name: string;
  options: ReadonlyArray<{ value: T; label: ReactNode }>;
  chosen: readonly T[];
  onChange: (chosen: T[]) => void;
  error?: string | undefined;
}) {
  return (
    <FieldGroup legend={legend} error={error}>
      {options.map((option) => (
        <label key={option.value} className="field--check">
          <input
            type="checkbox"
            name={name}
            value={option.value}
            checked={chosen.includes(option.value)}
            onChange={(event) =>
              onChange(
                event.target.checked ? [...chosen, option.value] : chosen.filter((value) => value !== option.value),
              )
            }
          />
          {option.label}
        </label>
      ))}
    </FieldGroup>
  );
}

/** What went wrong with a whole form, read out as soon as it appears (the region exists before
 * its text does, so screen readers announce the change). */
export function FormAlert({ message }: { message: string | null }) {
  return (
    <div className="form-alert" role="alert">
      {message && <p className="form-alert__message">{message}</p>}
    </div>
  );
}

/** A success message read out politely. */
export function FormStatus({ message }: { message: string | null }) {
  return (
    <div className="form-status" role="status">
      {message && <p className="form-status__message">{message}</p>}
    </div>
  );
}

/** The message for a failed request: the server's own words (already in the page's language)
 * when it sent a problem document, else a generic sentence. */
export function useProblemMessage() {
  const { t } = useTranslation();
  return (error: unknown): string | null => {
    if (!error) return null;
    if (error instanceof ApiError) {
      if (error.status === 429) return error.problem?.detail ?? t('forms.tooManyAttempts');
      if (error.problem?.detail) return error.problem.detail;
      if (error.status >= 500) return t('forms.serverError');
    }
    return t('forms.networkError');
  };
}

/**
 * The errors of a form: those found before sending (in the page's language) win over those the
 * server named in its problem document. After a failed submit, focus moves to the first invalid
 * field, so a keyboard user lands where the fix is needed.
 */
export function useFormErrors(
  serverError: unknown,
  form: RefObject<HTMLFormElement | null>,
  /** Sentences in the page's language that stand in for the server's (English) reason on a field. */
  ownWords: Record<string, string> = {},
) {
  const { t } = useTranslation();
  const problemMessage = useProblemMessage();
  const [client, setClient] = useState<FieldErrors>({});
  const [attempt, setAttempt] = useState(0);
  const server = fieldErrors(serverError);
  for (const name of Object.keys(server)) if (ownWords[name]) server[name] = ownWords[name];
  const errors: FieldErrors = { ...server, ...client };
  const clientCount = Object.values(client).filter(Boolean).length;
  const alert = clientCount > 0 ? t('forms.fixErrors', { count: clientCount }) : problemMessage(serverError);

  useEffect(() => {
    if (attempt === 0) return;
    form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [attempt, form]);

  return {
    errors,
    alert,
    /** Runs the checks; returns true when the form may be sent. */
    check(found: FieldErrors): boolean {
      const clean = Object.fromEntries(Object.entries(found).filter(([, v]) => v)) as FieldErrors;
      setClient(clean);
      setAttempt((n) => n + 1);
      return Object.keys(clean).length === 0;
    },
    /** Marks a failed request, so focus moves to the fields the server named. */
    failed() {
      setAttempt((n) => n + 1);
    },
  };
}

/** A submit handler that never reloads the page. */
export function onSubmit(handler: () => void) {
  return (event: FormEvent) => {
    event.preventDefault();
    handler();
  };
}

/** The common checks, with messages in the page's language. */
export function useChecks() {
  const { t } = useTranslation();
  return {
    required: (value: string) => (value.trim() === '' ? t('forms.required') : undefined),
    email: (value: string) =>
      value.trim() === ''
        ? t('forms.required')
        : /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim())
          ? undefined
          : t('forms.invalidEmail'),
    newPassword: (value: string) =>
      value === ''
        ? t('forms.required')
        : [...value].length < PASSWORD_MIN_LENGTH
          ? t('password.tooShort', { min: PASSWORD_MIN_LENGTH })
          : undefined,
    sameAs: (value: string, other: string) => (value !== other ? t('password.mismatch') : undefined),
    code: (value: string) => (TOTP_CODE_PATTERN.test(value.replace(/\s/g, '')) ? undefined : t('twoFactor.codeFormat')),
  };
}
