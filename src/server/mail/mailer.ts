import fs from 'node:fs';
import path from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import nodemailer from 'nodemailer';

/** One e-mail: plain text always (every client reads it), HTML when there is one. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

/** Where the platform's e-mail goes. Services depend on this, never on a transport. */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

export const DEFAULT_MAIL_FROM = 'MISPA Platform <no-reply@localhost>';

/** Sends through an SMTP server given as a URL: smtp://user:password@host:587 (STARTTLS when the
 * server offers it) or smtps://…:465 (TLS from the start). */
export function smtpMailer(options: { url: string; from: string }): Mailer {
  const transport = nodemailer.createTransport(options.url);
  return {
    async send(message) {
      await transport.sendMail({ from: options.from, ...message });
    },
  };
}

/** The links in a text: what a person needs from a development e-mail, and nothing else. */
const linksIn = (text: string) => text.match(/https?:\/\/\S+/g) ?? [];

/** `2025-01-31T12-00-00-000Z-ana_example.org` – sortable, and safe as a file name anywhere. */
function fileNameFor(to: string, at: Date, sequence: number) {
  const stamp = at.toISOString().replaceAll(':', '-').replace('.', '-');
  const recipient = to.replace(/[^A-Za-z0-9@._+-]/g, '_').slice(0, 100);
  return `${stamp}-${String(sequence).padStart(4, '0')}-${recipient}.eml`;
}

/**
 * For development, when no SMTP server is configured: each message is logged (recipient, subject
 * and its links – never the rest of the body) and, when `outboxDir` is given, written there as an
 * .eml file that any mail program opens, so a person can follow the link.
 */
export function outboxMailer(options: {
  log: FastifyBaseLogger;
  outboxDir: string | null;
  from: string;
  clock?: () => Date;
}): Mailer {
  // Builds the same RFC 5322 message an SMTP server would receive, without sending it anywhere.
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  let sequence = 0;
  return {
    async send(message) {
      let file: string | null = null;
      if (options.outboxDir) {
        const built = await composer.sendMail({ from: options.from, ...message });
        fs.mkdirSync(options.outboxDir, { recursive: true });
        sequence = (sequence + 1) % 10_000;
        file = path.join(options.outboxDir, fileNameFor(message.to, (options.clock ?? (() => new Date()))(), sequence));
        fs.writeFileSync(file, built.message as Buffer);
      }
      options.log.info(
        { mail: { to: message.to, subject: message.subject, links: linksIn(message.text), file } },
        'e-mail not sent (no SMTP server configured): written to the outbox',
      );
    },
  };
}

export interface MailSettings {
  /** MISPA_SMTP_URL; null sends nothing and writes to the outbox instead. */
  smtpUrl: string | null;
  /** MISPA_MAIL_FROM. */
  from: string;
  /** Where the development outbox is written (data/outbox). */
  outboxDir: string | null;
}

/** The mailer the settings ask for: SMTP when a server is configured, else the outbox. */
export function createMailer(settings: MailSettings, log: FastifyBaseLogger): Mailer {
  return settings.smtpUrl
    ? smtpMailer({ url: settings.smtpUrl, from: settings.from })
    : outboxMailer({ log, outboxDir: settings.outboxDir, from: settings.from });
}
