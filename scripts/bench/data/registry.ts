import { auditGenerator } from './audit.js';
import type { Generator } from './context.js';
import { documentsGenerator } from './documents.js';
import { followUpGenerator } from './follow-up.js';
import { meetingsGenerator } from './meetings.js';
import { observatoryGenerator } from './observatory.js';
import { referenceGenerator } from './reference.js';
import { usersGenerator } from './users.js';

/**
 * The generators in the order they run: each may point at what the ones before it made (see
 * World). A later module adds its file beside these and one line here; audit stays last, since it
 * refers to everything.
 */
export const GENERATORS: readonly Generator[] = [
  referenceGenerator,
  usersGenerator,
  meetingsGenerator,
  followUpGenerator,
  documentsGenerator,
  observatoryGenerator,
  auditGenerator,
];
