import type { Insertable, Kysely } from 'kysely';
import type { Database } from '../../../src/server/db/schema.js';
import type { FollowUpScale } from './follow-up.js';
import type { Random } from './random.js';

/** How much of everything a scale makes; `large` is the figure, `small` about 1/20 of it. */
export interface ScaleSpec {
  users: number;
  meetings: number;
  auditEntries: number;
  /** Agenda items and documents per meeting, the states that register to one. */
  agendaItemsPerMeeting: number;
  documentsPerMeeting: number;
  delegationsPerMeeting: number;
  followUp: FollowUpScale;
  /** Outcome documents (issue 13) and the paragraphs of them all; one of them, under negotiation,
   * has `negotiatedParagraphs` paragraphs, pending amendments and several versions. */
  outcomeDocuments: number;
  outcomeParagraphs: number;
  negotiatedParagraphs: number;
  /** The observatory (issue 14): indicators, each with a value per member state and year. */
  indicators: number;
  observationYears: number;
}

export const SCALES = {
  large: {
    users: 20_000,
    meetings: 60,
    auditEntries: 200_000,
    agendaItemsPerMeeting: 14,
    documentsPerMeeting: 18,
    delegationsPerMeeting: 35,
    followUp: { items: 5_000, cycles: 10, documents: 60, historicPerDocument: 40 },
    outcomeDocuments: 2_000,
    outcomeParagraphs: 100_000,
    negotiatedParagraphs: 300,
    indicators: 50,
    observationYears: 35,
  },
  small: {
    users: 1_000,
    meetings: 3,
    auditEntries: 10_000,
    agendaItemsPerMeeting: 14,
    documentsPerMeeting: 18,
    delegationsPerMeeting: 35,
    followUp: { items: 250, cycles: 10, documents: 4, historicPerDocument: 10 },
    outcomeDocuments: 100,
    outcomeParagraphs: 5_000,
    negotiatedParagraphs: 300,
    indicators: 5,
    observationYears: 35,
  },
  // For the generator's own test: every kind of row, in seconds.
  tiny: {
    users: 60,
    meetings: 2,
    auditEntries: 500,
    agendaItemsPerMeeting: 3,
    documentsPerMeeting: 3,
    delegationsPerMeeting: 5,
    followUp: { items: 24, cycles: 2, documents: 2, historicPerDocument: 1 },
    outcomeDocuments: 6,
    outcomeParagraphs: 80,
    negotiatedParagraphs: 24,
    indicators: 2,
    observationYears: 5,
  },
} as const satisfies Record<string, ScaleSpec>;
export type ScaleName = keyof typeof SCALES;

/** What one generator leaves for the ones after it (ids to point at). */
export interface World {
  stateIds: string[];
  partnerIds: string[];
  technicalGroupIds: string[];
  /** The secretariat administrator the bench signs in as. */
  adminUserId: string;
  userIds: string[];
  focalPointByState: Map<string, string>;
  meetingIds: string[];
}

export interface GeneratorContext {
  db: Kysely<Database>;
  scale: ScaleSpec;
  /** Seeded per generator, so adding one never shifts the data of the others. */
  random: Random;
  /** The fixed "now" of the data set (ms): dates are spread around it, never around the real clock. */
  epoch: number;
  world: World;
  /** Where stored files' bytes go (MISPA_FILES_DIR of the bench server); null writes rows only. */
  filesDir: string | null;
  /** Reports rows written so far by this generator, for the progress bar. */
  advance(rows: number): void;
  /** Inserts rows in batches, each transaction holding `perTransaction` rows. */
  insert<T extends keyof Database>(table: T, rows: Insertable<Database[T]>[]): Promise<void>;
}

/** One area's data. Later modules add a file beside this one and a line in registry.ts. */
export interface Generator {
  name: string;
  /** Rows this generator will report through `advance` (the progress bar's total). */
  planned(scale: ScaleSpec): number;
  /** Fills the database; returns the rows it wrote per table. */
  run(ctx: GeneratorContext): Promise<Record<string, number>>;
}

/** SQLite allows 32,766 bound values per statement and PostgreSQL 65,535: stay well under both. */
const MAX_VALUES_PER_STATEMENT = 30_000;
const ROWS_PER_TRANSACTION = 5_000;

export function batchInserter(db: Kysely<Database>) {
  return async function insert<T extends keyof Database>(table: T, rows: Insertable<Database[T]>[]) {
    if (rows.length === 0) return;
    const columns = Object.keys(rows[0] as object).length;
    const perStatement = Math.max(1, Math.floor(MAX_VALUES_PER_STATEMENT / columns));
    for (let start = 0; start < rows.length; start += ROWS_PER_TRANSACTION) {
      const slice = rows.slice(start, start + ROWS_PER_TRANSACTION);
      await db.transaction().execute(async (trx) => {
        for (let i = 0; i < slice.length; i += perStatement) {
          // Kysely cannot narrow a generic table's row type; `rows` was typed by the caller.
          await trx
            .insertInto(table)
            .values(slice.slice(i, i + perStatement) as never)
            .execute();
        }
      });
    }
  };
}

/** Timestamps every table has, both at `at`. */
export const stamped = (at: string) => ({ created_at: at, updated_at: at });
