import { modulePolicy } from '../../policy/module-policy.js';

/** The audit trail: read and exported by the secretariat only. */
export const auditPolicy = modulePolicy<'audit.read'>();
