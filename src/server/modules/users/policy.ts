import { modulePolicy } from '../../policy/module-policy.js';

/** User administration: the secretariat reads accounts; its administrators invite, grant, revoke and deactivate. */
export const usersPolicy = modulePolicy<'users.read' | 'users.invite' | 'users.manage-grants' | 'users.deactivate'>();
