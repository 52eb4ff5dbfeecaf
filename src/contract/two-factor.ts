import { z } from 'zod';
import { reason } from '../domain/reasons.js';
import { RECOVERY_CODE_PATTERN, TOTP_CODE_PATTERN } from '../domain/two-factor.js';

/** Two-factor authentication with TOTP (RFC 6238: SHA-1, 6 digits, 30 s), as every authenticator app reads it. */

const codeError = reason('reason.totp');
export const TotpCodeSchema = z
  .string({ error: codeError })
  .regex(TOTP_CODE_PATTERN, { error: codeError })
  .meta({ description: 'The 6-digit code the authenticator app shows now', example: '123456' });

const recoveryError = reason('reason.recoveryCode');
export const RecoveryCodeSchema = z
  .string({ error: recoveryError })
  .max(40, { error: recoveryError })
  .regex(RECOVERY_CODE_PATTERN, { error: recoveryError })
  .meta({ description: 'One of the recovery codes given at enrolment', example: 'K7QM-2D9X-PW4R' });

/** Starting an enrolment takes nothing (Fastify gives a missing body as null); an empty object is accepted too. */
export const TwoFactorEnrolmentStartSchema = z.object({}).strict().nullish().meta({ id: 'TwoFactorEnrolmentStart' });

export const TwoFactorEnrolmentSchema = z
  .object({
    otpauthUri: z.string().meta({ description: 'The otpauth:// URI an authenticator app reads from the QR code' }),
    qrCode: z.string().meta({ description: 'The QR code of otpauthUri, as a data: URL of an SVG image' }),
    manualKey: z.string().meta({ description: 'The secret in base32, for apps where it is typed in' }),
  })
  .meta({ id: 'TwoFactorEnrolment' });
export type TwoFactorEnrolment = z.infer<typeof TwoFactorEnrolmentSchema>;

export const TwoFactorCodeSchema = z.object({ code: TotpCodeSchema }).strict().meta({ id: 'TwoFactorCode' });
export type TwoFactorCode = z.infer<typeof TwoFactorCodeSchema>;

export const RecoveryCodesSchema = z
  .object({
    recoveryCodes: z
      .array(z.string())
      .meta({ description: 'Ten single-use codes to sign in without the app; shown only this once' }),
  })
  .meta({ id: 'RecoveryCodes' });
export type RecoveryCodes = z.infer<typeof RecoveryCodesSchema>;

/** One object rather than a union, so that a bad value is reported against its own field. */
export const TwoFactorChallengeSchema = z
  .object({ code: TotpCodeSchema.optional(), recoveryCode: RecoveryCodeSchema.optional() })
  .strict()
  .refine((v) => (v.code === undefined) !== (v.recoveryCode === undefined), {
    error: reason('reason.codeOrRecovery'),
    path: ['code'],
  })
  .meta({ id: 'TwoFactorChallenge', description: 'Either the current code or one recovery code' });
export type TwoFactorChallenge = z.infer<typeof TwoFactorChallengeSchema>;

export const TwoFactorPassedSchema = z
  .object({
    method: z.enum(['totp', 'recovery-code']),
    recoveryCodesLeft: z.number().int().meta({ description: 'Unused recovery codes left' }),
  })
  .meta({ id: 'TwoFactorPassed' });
export type TwoFactorPassed = z.infer<typeof TwoFactorPassedSchema>;
