import { modulePolicy } from '../../policy/module-policy.js';

/** Strategic partners: managed by the secretariat's administrators; reading is public. */
export const partnersPolicy = modulePolicy<'partners.manage'>();
