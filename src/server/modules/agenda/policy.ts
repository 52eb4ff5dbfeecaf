import { modulePolicy } from '../../policy/module-policy.js';

/** Agendas: edited by the secretariat until the meeting starts; after that only an administrator's audited override. */
export const agendaPolicy = modulePolicy<'agenda.edit' | 'agenda.override'>();
