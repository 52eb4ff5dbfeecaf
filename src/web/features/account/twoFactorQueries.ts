import { useMutation } from '@tanstack/react-query';
import type {
  RecoveryCodes,
  TwoFactorChallenge,
  TwoFactorEnrolment,
  TwoFactorPassed,
} from '../../../contract/two-factor.js';
import { sendJson } from '../../api/send.js';
import { useLang } from '../shared/useLang.js';
import { useRefreshMe } from './queries.js';

export function useStartEnrolment() {
  const lang = useLang();
  return useMutation({
    mutationFn: () => sendJson<TwoFactorEnrolment>('POST', '/me/two-factor/enrolment', lang, {}),
  });
}

export function useConfirmEnrolment() {
  const lang = useLang();
  const refresh = useRefreshMe();
  return useMutation({
    mutationFn: (code: string) => sendJson<RecoveryCodes>('POST', '/me/two-factor/enrolment/confirm', lang, { code }),
    onSuccess: () => refresh(),
  });
}

export function useTwoFactorChallenge() {
  const lang = useLang();
  const refresh = useRefreshMe();
  return useMutation({
    mutationFn: (input: TwoFactorChallenge) => sendJson<TwoFactorPassed>('POST', '/auth/two-factor', lang, input),
    onSuccess: () => refresh(),
  });
}

export function useDisableTwoFactor() {
  const lang = useLang();
  const refresh = useRefreshMe();
  return useMutation({
    mutationFn: (code: string) => sendJson('DELETE', '/me/two-factor', lang, { code }),
    onSuccess: () => refresh(),
  });
}

/** Digits only: people paste codes with spaces ("123 456"). */
export function cleanCode(value: string): string {
  return value.replace(/\s/g, '');
}
