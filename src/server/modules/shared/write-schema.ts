import type { z } from 'zod';
import { conflictResponse, DENIED, problemResponse } from '../../http/problems.js';

/** The refusals every write of the meetings area can answer. */
export const writeProblems = {
  400: problemResponse('Malformed, or names what does not exist'),
  ...DENIED,
  404: problemResponse('No such meeting (drafts are hidden from all but the secretariat) or item'),
  409: conflictResponse('Changed since read (carries the current record), or the agenda is frozen'),
};

/** A write's schema: what it takes, its success answers and the refusals above. */
export const writeSchema = <P extends z.ZodType, B extends z.ZodType, R extends Record<number, z.ZodType>>(
  route: { tags: string[]; summary: string; params: P; body: B },
  success: R,
) => ({ ...route, response: { ...success, ...writeProblems } });
