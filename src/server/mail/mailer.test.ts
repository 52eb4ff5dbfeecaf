import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LANGS } from '../../domain/languages.js';
import { createMailer, outboxMailer, smtpMailer } from './mailer.js';
import { type MailName, renderMail, TEMPLATES } from './templates.js';
import { parseMessage, SMTP_USER, smtpForTests } from './testing.js';

const smtp = smtpForTests();

const LINK = 'https://mispa.example.org/es/invitation/abc_DEF-123';
const expiresAt = new Date('2030-03-04T15:30:00Z');

describe('smtpMailer', () => {
  it('delivers through an SMTP server that requires a password, as text and HTML', async () => {
    const mailer = smtpMailer({ url: smtp.url(), from: 'MISPA Platform <no-reply@mispa.test>' });
    await mailer.send(
      renderMail('invitation', 'es', 'ana@example.test', {
        displayName: 'Ana Pérez',
        invitedBy: null,
        link: LINK,
        expiresAt,
      }),
    );
    const mail = await smtp.waitFor('ana@example.test');
    expect(mail.from).toBe('no-reply@mispa.test');
    expect(mail.subject).toBe('Su invitación a la Plataforma MISPA');
    expect(mail.text).toContain(`Aceptar la invitación:\n${LINK}\n`);
    expect(mail.text).toContain('hasta el 4 de marzo de 2030 a las 15:30 UTC');
    expect(mail.html).toContain(`<a href="${LINK}">Aceptar la invitación</a>`);
    expect(mail.raw).toMatch(/^From: MISPA Platform <no-reply@mispa\.test>$/m);
  });

  it('fails, for the caller to handle, when the server refuses the credentials', async () => {
    const wrong = smtp.url().replace(SMTP_USER, 'intruder');
    await expect(
      smtpMailer({ url: wrong, from: 'no-reply@mispa.test' }).send({ to: 'x@example.test', subject: 's', text: 't' }),
    ).rejects.toThrow(/Invalid username or password|535/);
  });
});

describe('outboxMailer (development, no SMTP server)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mispa-outbox-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes each message to an .eml file and logs only the recipient, subject and links', async () => {
    const logged: Array<{ obj: Record<string, unknown>; msg: string }> = [];
    const log = { info: (obj: Record<string, unknown>, msg: string) => logged.push({ obj, msg }) };
    const mailer = outboxMailer({
      log: log as never,
      outboxDir: dir,
      from: 'MISPA <no-reply@localhost>',
      clock: () => new Date('2030-01-02T03:04:05.678Z'),
    });
    const message = renderMail('passwordReset', 'pt', 'joao@example.test', {
      displayName: 'João',
      link: 'http://localhost:3000/pt/password-reset/tok3n',
      expiresAt,
    });
    await mailer.send(message);
    const files = fs.readdirSync(dir);
    expect(files).toEqual(['2030-01-02T03-04-05-678Z-0001-joao@example.test.eml']);
    const parsed = parseMessage(fs.readFileSync(path.join(dir, files[0] as string), 'utf8'));
    expect(parsed.subject).toBe('Redefina sua senha da Plataforma MISPA');
    expect(parsed.text).toBe(message.text);
    expect(logged).toHaveLength(1);
    expect(logged[0]?.obj).toEqual({
      mail: {
        to: 'joao@example.test',
        subject: 'Redefina sua senha da Plataforma MISPA',
        links: ['http://localhost:3000/pt/password-reset/tok3n'],
        file: path.join(dir, files[0] as string),
      },
    });
    expect(JSON.stringify(logged)).not.toContain('Prezado');
  });

  it('is what createMailer gives without an SMTP URL, and logs without a folder', async () => {
    const logged: unknown[] = [];
    const log = { info: (obj: unknown) => logged.push(obj) };
    await createMailer({ smtpUrl: null, from: 'x@localhost', outboxDir: null }, log as never).send({
      to: 'a@example.test',
      subject: 'Hello',
      text: 'See https://example.test/x',
    });
    expect(logged).toEqual([
      { mail: { to: 'a@example.test', subject: 'Hello', links: ['https://example.test/x'], file: null } },
    ]);
  });

  it('is replaced by SMTP when createMailer gets an SMTP URL', async () => {
    await createMailer({ smtpUrl: smtp.url(), from: 'x@mispa.test', outboxDir: dir }, {} as never).send({
      to: 'via-smtp@example.test',
      subject: 'Routed',
      text: 'body',
    });
    expect((await smtp.waitFor('via-smtp@example.test')).subject).toBe('Routed');
  });
});

describe('e-mail templates', () => {
  const names = Object.keys(TEMPLATES.en) as MailName[];
  const values = { displayName: 'Ana', invitedBy: 'Carla', link: LINK, expiresAt };

  it.each(LANGS.flatMap((lang) => names.map((name) => [lang, name] as const)))(
    'writes %s %s with the link in text and HTML, translated',
    (lang, name) => {
      const mail = renderMail(name, lang, 'ana@example.test', values);
      expect(mail.subject.length).toBeGreaterThan(10);
      expect(mail.text).toContain(LINK);
      expect(mail.html).toContain(`href="${LINK}"`);
      expect(mail.html).toContain(`<html lang="${lang}">`);
      if (lang !== 'en') {
        const english = renderMail(name, 'en', 'ana@example.test', values);
        expect(mail.subject).not.toBe(english.subject);
        expect(mail.text.split('\n')[2]).not.toBe(english.text.split('\n')[2]);
      }
    },
  );

  it('escapes names in HTML and keeps them on one line', () => {
    const mail = renderMail('invitation', 'en', 'x@example.test', {
      ...values,
      displayName: '<b>Eve</b>\nBcc: victim@example.test',
    });
    expect(mail.html).toContain('&lt;b&gt;Eve&lt;/b&gt; Bcc: victim@example.test');
    expect(mail.html).not.toContain('<b>Eve');
    expect(mail.text.split('\n')[0]).toBe('Dear <b>Eve</b> Bcc: victim@example.test,');
  });
});
