/** Types for builds.mjs, which runs before dependencies (TypeScript included) are installed. */
export interface BuildTarget {
  outputDir: string;
  output: string;
  inputs: string[];
  command: [tool: string, args: string[]];
  /** Added to the environment of the command. */
  env?: Record<string, string>;
}
export const BUILDS: { web: BuildTarget; server: BuildTarget };
export const SERVER_NODE_FLAGS: string[];
export function inputsHash(target: BuildTarget): string;
export function isFresh(target: BuildTarget): boolean;
export function recordBuild(target: BuildTarget, hash: string): void;
export function build(
  target: BuildTarget,
  runTool?: (tool: string, args: string[], env: Record<string, string>) => number,
): number;
