/** API tokens for machine clients: they act with their owner's grants, read-only or read-write. */

export const TOKEN_SCOPES = ['read', 'write'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

export const TOKEN_MAX_DAYS = 365;
export const TOKEN_NAME_MAX = 100;
