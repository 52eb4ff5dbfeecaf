/** Types for run.mjs, which runs before dependencies (TypeScript included) are installed. */
export const root: string;
export function bin(name: string): string;
export function run(command: string, args?: string[], env?: Record<string, string>): number;
