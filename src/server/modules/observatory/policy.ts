import { modulePolicy } from '../../policy/module-policy.js';

/** The observatory: published values for everyone; submissions by focal points, reviewed by the secretariat. */
export const observatoryPolicy = modulePolicy<
  | 'observatory.read'
  | 'observatory.read-submissions'
  | 'observatory.manage'
  | 'observatory.submit'
  | 'observatory.read-briefs'
  | 'observatory.briefs'
>();
