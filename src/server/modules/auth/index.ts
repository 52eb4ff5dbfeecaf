// The public face of the module: what app.ts, demo mode and other modules may use.
export { actorGrantsOf } from './service.js';
