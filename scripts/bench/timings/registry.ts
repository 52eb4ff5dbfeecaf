import type { BenchArea } from '../db-timings.js';
import { documentsArea } from './documents.js';
import { followUpArea } from './follow-up.js';
import { meetingsArea } from './meetings.js';
import { observatoryArea } from './observatory.js';
import { pagesArea } from './pages.js';

/**
 * The areas `npm run bench` measures, in order: each finds its own sample rows and lists its
 * timings, HTTP reads and Lighthouse pages. A later module adds its file beside these and one line here.
 */
export const BENCH_AREAS: readonly BenchArea[] = [
  meetingsArea,
  followUpArea,
  documentsArea,
  observatoryArea,
  pagesArea,
];
