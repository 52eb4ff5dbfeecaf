// The module's public face: all that app.ts and other modules may import from it (docs/architecture.md).
// Another module tells of an event with one `notify(trx, event, now)` inside its own transaction.

export { type Audience, type NotificationEvent, type Notify, notify } from './emit.js';
export {
  NOTIFICATION_JOB_INTERVAL_MS,
  type NotificationMailDeps,
  runNotificationMail,
  scheduleNotificationMail,
} from './mail.js';
export { notificationsRoutes } from './routes.js';
export { type NotificationsService, notificationsService } from './service.js';
