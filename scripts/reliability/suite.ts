import os from 'node:os';
import { type ConcurrencyOptions, type ConcurrencyResult, concurrency } from './concurrency.js';
import { type CrashOptions, type CrashResult, crashSafety } from './crash.js';
import { type FuzzOptions, type FuzzResult, fuzzEdge } from './fuzz.js';
import { type NegotiationOptions, type NegotiationResult, negotiationRace } from './negotiation.js';
import { type ScaleOutOptions, type ScaleOutResult, scaleOut } from './scale-out.js';
import { type Engine, freshDatabase } from './server.js';

/** The reliability checks on one engine, on one fresh database, at a scale. */

export type Scale = 'small' | 'large';

export interface ScaleSettings {
  crash: CrashOptions;
  concurrency: ConcurrencyOptions;
  negotiation: NegotiationOptions;
  fuzz: FuzzOptions;
  scaleOut: ScaleOutOptions;
}

/** `small` fits CI's budget (under a minute and a half an engine on two busy cores); `large` is the thorough run. */
export const SCALES: Record<Scale, ScaleSettings> = {
  small: {
    crash: { rounds: 3, writers: 6, writeMs: 1000 },
    concurrency: { clients: 20, rounds: 1 },
    negotiation: { delegations: 10 },
    fuzz: { casesPerOperation: 8, seed: 20261127 },
    scaleOut: { requests: 3000, connections: 10 },
  },
  large: {
    crash: { rounds: 10, writers: 16, writeMs: 3000 },
    concurrency: { clients: 20, rounds: 10 },
    negotiation: { delegations: 16 },
    fuzz: { casesPerOperation: 100, seed: 20261127 },
    scaleOut: { requests: 30000, connections: 20 },
  },
};

export interface EngineResult {
  engine: Engine;
  scale: Scale;
  settings: ScaleSettings;
  crash: CrashResult;
  concurrency: ConcurrencyResult;
  negotiation: NegotiationResult;
  fuzz: FuzzResult;
  /** PostgreSQL only, and only where nginx is installed; otherwise why not. */
  scaleOut: ScaleOutResult;
  /** Wall time of each part, in ms. */
  timings: { crash: number; concurrency: number; negotiation: number; fuzz: number; scaleOut: number };
  failures: string[];
}

/** What the results are compared on: the machine and the software. */
export function machine() {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 1024 ** 3),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  };
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await work();
  return [result, Math.round(performance.now() - started)];
}

/** The checks in turn on a fresh database of `engine`, dropped afterwards. */
export async function runEngine(engine: Engine, scale: Scale, postgresUrl?: string): Promise<EngineResult> {
  const settings = SCALES[scale];
  const database = await freshDatabase(engine, postgresUrl);
  try {
    const [crash, crashMs] = await timed(() => crashSafety(database, settings.crash));
    const [race, raceMs] = await timed(() => concurrency(database, settings.concurrency));
    const [negotiation, negotiationMs] = await timed(() => negotiationRace(database, settings.negotiation));
    const [fuzz, fuzzMs] = await timed(() => fuzzEdge(database, settings.fuzz));
    const [spread, spreadMs] = await timed(() => scaleOut(database, settings.scaleOut));
    return {
      engine,
      scale,
      settings,
      crash,
      concurrency: race,
      negotiation,
      fuzz,
      scaleOut: spread,
      timings: { crash: crashMs, concurrency: raceMs, negotiation: negotiationMs, fuzz: fuzzMs, scaleOut: spreadMs },
      failures: [
        ...crash.failures.map((f) => `crash safety: ${f}`),
        ...race.failures.map((f) => `concurrency: ${f}`),
        ...negotiation.failures.map((f) => `negotiation: ${f}`),
        ...fuzz.failures.map((f) => `fuzzer: ${f}`),
        ...spread.failures.map((f) => `scale-out: ${f}`),
      ],
    };
  } finally {
    await database.drop();
  }
}
