import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuiteTitle, expectAccessible, hasBrowser } from './browser.js';
import { portalSuite } from './suite.js';

describe.skipIf(!hasBrowser)(browserSuiteTitle('registration of delegations in a browser'), () => {
  const suite = portalSuite();

  it('a focal point registers, the secretariat accredits, the list of participants shows it', {
    timeout: 240_000,
  }, async () => {
    const { buildMeeting } = await import('../../src/server/testing/factories.js');
    const { slug } = await buildMeeting(suite.server.db, { status: 'registration-open' });
    // Ecuador's focal point, in English at desktop width: the form, by keyboard where it matters.
    // (Sessions are made in the database: signing in is the accounts tests' subject.)
    const { page, errors } = await suite.open(`/en/meetings/${slug}/registration`, {
      role: 'focal-point',
      memberState: 'ec',
    });
    const main = page.getByRole('main');
    await expect.poll(() => main.getByText('The delegation of Ecuador is not registered yet.').count()).toBe(1);
    const first = main.getByRole('group', { name: 'Participant 1' });
    await expect(first.getByLabel('Role').inputValue()).resolves.toBe('head');
    await first.getByLabel('Full name').fill('María Pérez');
    await first.getByLabel('Title').fill('Minister of Security');
    await first.getByLabel('Institution').fill('Ministry of the Interior');
    await main.getByRole('button', { name: 'Add a participant' }).press('Enter');
    const second = main.getByRole('group', { name: 'Participant 2' });
    await second.getByLabel('Role').selectOption('adviser');
    await second.getByLabel('Full name').fill('Jean Dupont');
    await expectAccessible(page);
    await main.getByRole('button', { name: 'Submit for accreditation' }).click();
    await expect
      .poll(() => main.getByRole('status').first().textContent())
      .toBe('The registration was submitted for accreditation.');
    await expect.poll(() => main.locator('.badge').first().textContent()).toBe('Submitted');
    await expectAccessible(page);

    // The secretariat, in Spanish at 360 px: the queue, accredit.
    const { page: staffPage, errors: staffErrors } = await suite.open(`/es/meetings/${slug}/registration`, {
      role: 'secretariat-staff',
      width: 360,
    });
    const queue = staffPage.getByRole('main');
    await expect.poll(() => queue.getByRole('heading', { name: 'Pendientes de decisión (1)' }).count()).toBe(1);
    await expect(queue.getByRole('heading', { name: 'Ecuador', level: 3 }).count()).resolves.toBe(1);
    await expectAccessible(staffPage);
    // No credentials were uploaded: accrediting all the same takes a stated reason (issue 11).
    await queue.getByRole('button', { name: 'Acreditar: Ecuador' }).click();
    await expect
      .poll(() => queue.getByRole('alert').filter({ hasText: /./ }).first().textContent())
      .toBe(
        'Indique el motivo antes de devolver una inscripción, rechazar un cambio o acreditar sin cartas credenciales.',
      );
    await queue
      .getByLabel('Motivo (obligatorio para devolver, rechazar o acreditar sin cartas credenciales)')
      .fill('La nota verbal se entregará en la sede.');
    await queue.getByRole('button', { name: 'Acreditar: Ecuador' }).click();
    await expect.poll(() => queue.getByRole('heading', { name: 'Pendientes de decisión (0)' }).count()).toBe(1);
    await expect.poll(() => queue.locator('.badge').first().textContent()).toBe('Acreditada');
    await expectAccessible(staffPage);
    expect(staffErrors).toEqual([]);

    // A visitor (a browser of their own), in French at 360 px: the published list, with its exports.
    expect(errors).toEqual([]);
    const { page: visitor, errors: visitorErrors } = await suite.open(`/fr/meetings/${slug}/participants`, {
      width: 360,
    });
    const list = visitor.getByRole('main');
    await expect.poll(() => list.getByRole('heading', { name: 'Délégations des États membres' }).count()).toBe(1);
    await expect(list.getByRole('heading', { name: 'Équateur' }).count()).resolves.toBe(1);
    await expect(list.getByText('María Pérez').count()).resolves.toBe(1);
    const csv = await list.getByRole('link', { name: 'Télécharger en CSV (tableur)' }).getAttribute('href');
    expect(csv).toBe(`/api/v1/meetings/${slug}/participants.csv?lang=fr`);
    const exported = await (await fetch(`${suite.server.url}${csv}`)).text();
    expect(exported).toContain('"María Pérez"');
    await expectAccessible(visitor);
    expect(visitorErrors).toEqual([]);
  });

  it('a concluded meeting’s registration says it is closed to a visitor, rather than asking to sign in; the secretariat still sees the queue', {
    timeout: 120_000,
  }, async () => {
    const { buildMeeting } = await import('../../src/server/testing/factories.js');
    const { slug } = await buildMeeting(suite.server.db, { status: 'concluded' });
    const { page, errors } = await suite.open(`/en/meetings/${slug}/registration`, { width: 360 });
    const main = page.getByRole('main');
    await expect.poll(() => main.getByText('Registration for this meeting is closed.').count()).toBe(1);
    expect(await main.getByRole('link', { name: 'Sign in' }).count()).toBe(0);
    await expectAccessible(page);
    expect(errors).toEqual([]);
    const staff = await suite.open(`/en/meetings/${slug}/registration`, { role: 'secretariat-staff' });
    await expect
      .poll(() => staff.page.getByRole('main').getByText('Nothing is waiting for a decision.').count())
      .toBe(1);
    expect(await staff.page.getByRole('main').getByText('Registration for this meeting is closed.').count()).toBe(0);
  });

  it('the secretariat registers a state on its behalf and a press entry; the focal point uploads the credentials, the secretariat downloads them', {
    timeout: 240_000,
  }, async () => {
    const { buildMeeting } = await import('../../src/server/testing/factories.js');
    const { pdfBytes } = await import('../../src/server/files/testing.js');
    const { slug } = await buildMeeting(suite.server.db, { status: 'registration-open' });

    // The secretariat, in English at 360 px: Mexico's delegation on its behalf, refused first without a state.
    const { page, errors } = await suite.open(`/en/meetings/${slug}/registration`, {
      role: 'secretariat-staff',
      width: 360,
    });
    const main = page.getByRole('main');
    const onBehalf = main.getByRole('region', { name: 'Register on behalf of a state or organisation' });
    await expect(onBehalf.getByLabel('Category').inputValue()).resolves.toBe('delegation');
    await onBehalf.getByRole('group', { name: 'Participant 1' }).getByLabel('Full name').fill('Rosa Icela Rodríguez');
    await onBehalf.getByRole('button', { name: 'Submit for accreditation' }).press('Enter');
    await expect.poll(() => fieldError(onBehalf, 'Member state')).toBe('This field is required.');
    // Focus went to the field to fix, so the keyboard chooses the state.
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe(
      await onBehalf.getByLabel('Member state').getAttribute('id'),
    );
    await onBehalf.getByLabel('Member state').selectOption({ label: 'Mexico' });
    await onBehalf.getByRole('button', { name: 'Submit for accreditation' }).press('Enter');
    await expect
      .poll(() => main.getByRole('status').filter({ hasText: 'The registration of Mexico was saved.' }).count())
      .toBe(1);
    await expect.poll(() => main.getByRole('heading', { name: 'Waiting for a decision (1)' }).count()).toBe(1);
    await expect(main.getByRole('heading', { name: 'Mexico', level: 3 }).count()).resolves.toBe(1);
    // Mexico is registered: the form no longer offers it.
    await expect(onBehalf.getByLabel('Member state').locator('option[value="mx"]').count()).resolves.toBe(0);
    await expectAccessible(page);

    // A press entry: without the outlet's name it is refused next to the field, then saved as a draft.
    await onBehalf.getByLabel('Category').selectOption('press');
    await expect(onBehalf.getByRole('group', { name: 'Participant 1' }).getByLabel('Role').inputValue()).resolves.toBe(
      'member',
    );
    await onBehalf.getByRole('group', { name: 'Participant 1' }).getByLabel('Full name').fill('Ana Reportera');
    await onBehalf.getByRole('button', { name: 'Save as draft' }).click();
    await expect.poll(() => fieldError(onBehalf, 'Organisation')).toBe('This field is required.');
    await onBehalf.getByLabel('Organisation').fill('Agencia de Noticias del Caribe');
    await onBehalf.getByLabel('Organisation').press('Enter');
    await expect
      .poll(() =>
        main
          .getByRole('status')
          .filter({ hasText: 'The registration of Agencia de Noticias del Caribe was saved.' })
          .count(),
      )
      .toBe(1);
    const press = main.locator('.delegation-card').filter({
      has: page.getByRole('heading', { name: 'Agencia de Noticias del Caribe', level: 3 }),
    });
    await expect.poll(() => press.locator('.delegation-meta').textContent()).toBe('Draft Press');
    await expect(press.getByText('Ana Reportera').count()).resolves.toBe(1);
    await expectAccessible(page);
    expect(errors).toEqual([]);

    // Mexico's focal point, in Spanish: the registration the secretariat made, and the credentials.
    const { page: focal, errors: focalErrors } = await suite.open(`/es/meetings/${slug}/registration`, {
      role: 'focal-point',
      memberState: 'mx',
    });
    const own = focal.getByRole('main');
    const credentials = own.getByRole('region', { name: 'Credenciales (nota verbal)' });
    await expect.poll(() => credentials.getByText('Todavía no se han subido las credenciales.').count()).toBe(1);
    const file = credentials.getByLabel('Credenciales: México (PDF)');
    // A text file calling itself a PDF: the server reads its bytes and refuses it, next to the field.
    await file.setInputFiles({ name: 'nota.pdf', mimeType: 'application/pdf', buffer: Buffer.from('Not a PDF.') });
    await credentials.getByRole('button', { name: 'Subir las credenciales: México' }).press('Enter');
    await expect
      .poll(() => fieldError(credentials, 'Credenciales: México (PDF)'))
      .toMatch(/^El contenido del archivo no es de ninguno de los tipos permitidos \(.*PDF/);
    await expect(file.getAttribute('aria-invalid')).resolves.toBe('true');
    const pdf = pdfBytes('Nota verbal');
    await file.setInputFiles({ name: 'nota-verbal.pdf', mimeType: 'application/pdf', buffer: pdf });
    await credentials.getByRole('button', { name: 'Subir las credenciales: México' }).press('Enter');
    await expect
      .poll(() => credentials.getByRole('status').textContent())
      .toBe('Se subieron las credenciales: nota-verbal.pdf.');
    await expect.poll(() => credentials.getByRole('link', { name: 'Descargar nota-verbal.pdf' }).count()).toBe(1);
    await expect(credentials.locator('.credentials__detail').textContent()).resolves.toMatch(/^\(1 kB, subido el /);
    await expectAccessible(focal);
    // The browser reports the one refusal the test provoked, nothing else.
    expect(focalErrors).toEqual([
      expect.stringMatching(/^Failed to load resource: the server responded with a status of 415/),
    ]);

    // The secretariat sees them on Mexico's card and downloads the very file.
    await suite.visit(page, `/en/meetings/${slug}/registration`);
    const mexico = main.locator('.delegation-card').filter({ has: page.getByRole('heading', { name: 'Mexico' }) });
    const link = mexico.getByRole('link', { name: 'Download nota-verbal.pdf' });
    await expect.poll(() => link.count()).toBe(1);
    const download = await page.request.get(`${suite.server.url}${await link.getAttribute('href')}`);
    expect(download.status()).toBe(200);
    expect(download.headers()['content-type']).toBe('application/pdf');
    expect(Buffer.from(await download.body()).equals(pdf)).toBe(true);
    await expectAccessible(page);
  });
});

describe.skipIf(!hasBrowser)(browserSuiteTitle('a registration kept by its focal point (issue 11)'), () => {
  const suite = portalSuite();

  it('says whose registration it is and until when before anything is saved, in every language', {
    timeout: 120_000,
  }, async () => {
    const { buildMeeting } = await import('../../src/server/testing/factories.js');
    const { slug } = await buildMeeting(suite.server.db, { status: 'registration-open' });
    const { page, errors } = await suite.open(`/en/meetings/${slug}/registration`, {
      role: 'focal-point',
      memberState: 'ec',
    });
    const main = page.getByRole('main');
    await expect.poll(() => main.getByRole('heading', { name: 'Ecuador', level: 2 }).count()).toBe(1);
    await expect(main.getByText('The delegation of Ecuador is not registered yet.').count()).resolves.toBe(1);
    await expect(main.locator('.registration-deadline').textContent()).resolves.toMatch(
      /^Registration deadline: .*\d.*, .+ \(UTC[−+]?[\d:]*\)\.$/,
    );
    for (const [lang, name, deadline] of [
      ['es', 'Ecuador', /^Plazo de inscripción: .*\d.*, hora .+ \(UTC[−+]?[\d:]*\)\.$/],
      ['fr', 'Équateur', /^Date limite d’inscription : .*\d.*, heure .+ \(UTC[−+]?[\d:]*\)\.$/],
      ['pt', 'Equador', /^Prazo de inscrição: .*\d.*, Horário .+ \(UTC[−+]?[\d:]*\)\.$/],
    ] as const) {
      await suite.visit(page, `/${lang}/meetings/${slug}/registration`, 360);
      await expect.poll(() => main.getByRole('heading', { name, level: 2 }).count()).toBe(1);
      await expect(main.locator('.registration-deadline').textContent()).resolves.toMatch(deadline);
    }
    await expectAccessible(page);
    expect(errors).toEqual([]);
  });

  it('the page’s own upload never makes the next save a conflict; a real conflict says once what changed and keeps the edits; an accredited delegation’s edit goes to the secretariat', {
    timeout: 240_000,
  }, async () => {
    const { buildMeeting } = await import('../../src/server/testing/factories.js');
    const { pdfBytes } = await import('../../src/server/files/testing.js');
    const { slug } = await buildMeeting(suite.server.db, { status: 'registration-open' });
    const path = `/en/meetings/${slug}/registration`;
    const { page, errors } = await suite.open(path, { role: 'focal-point', memberState: 'ec' });
    const main = page.getByRole('main');
    const form = main.locator('form.delegation-form');
    const saved = () => form.getByRole('status').textContent();
    const conflictTitle = 'Someone else changed this registration since you opened it.';

    // Save a draft, upload the credentials, then submit without reloading: no conflict.
    await form.getByRole('group', { name: 'Participant 1' }).getByLabel('Full name').fill('María Pérez');
    await form.getByRole('button', { name: 'Save as draft' }).click();
    await expect.poll(saved).toBe('The registration was saved as a draft.');
    const credentials = main.getByRole('region', { name: 'Credentials (note verbale)' });
    await credentials.getByLabel('Credentials of Ecuador (PDF)').setInputFiles({
      name: 'nota-verbal.pdf',
      mimeType: 'application/pdf',
      buffer: pdfBytes('Nota verbal'),
    });
    await credentials.getByRole('button', { name: 'Upload the credentials of Ecuador' }).click();
    await expect
      .poll(() => credentials.getByRole('status').textContent())
      .toBe('The credentials were uploaded: nota-verbal.pdf.');
    await form.getByRole('button', { name: 'Submit for accreditation' }).click();
    await expect.poll(saved).toBe('The registration was submitted for accreditation.');
    await expect(page.getByText(conflictTitle).count()).resolves.toBe(0);
    await expect.poll(() => main.locator('.badge').first().textContent()).toBe('Submitted');

    // A real conflict: the same focal point in another browser adds someone and changes a title.
    const other = await suite.open(path, { role: 'focal-point', memberState: 'ec' });
    const otherForm = other.page.getByRole('main').locator('form.delegation-form');
    await otherForm.getByRole('group', { name: 'Participant 1' }).getByLabel('Title').fill('Minister');
    await otherForm.getByRole('button', { name: 'Add a participant' }).click();
    await otherForm.getByRole('group', { name: 'Participant 2' }).getByLabel('Full name').fill('Ana Gómez');
    await otherForm.getByRole('button', { name: 'Save as draft' }).click();
    await expect.poll(() => otherForm.getByRole('status').textContent()).toBe('The registration was saved as a draft.');

    // The first page's edit is refused once, saying what changed, and keeps its edits on demand.
    await form.getByRole('group', { name: 'Participant 1' }).getByLabel('Institution').fill('Ministry of the Interior');
    await form.getByRole('button', { name: 'Save as draft' }).click();
    await expect.poll(() => form.getByRole('alert').textContent()).toBe(conflictTitle);
    await expect(page.getByText(conflictTitle).count()).resolves.toBe(1);
    await expect(form.getByText('Added: Ana Gómez.').count()).resolves.toBe(1);
    await expect(form.getByText('Changed: María Pérez.').count()).resolves.toBe(1);
    await expectAccessible(page);
    await form.getByRole('button', { name: 'Keep my edits' }).click();
    await expect
      .poll(saved)
      .toBe('Your edits are kept. Save or submit again to replace the current registration with them.');
    await form.getByRole('button', { name: 'Save as draft' }).click();
    await expect.poll(saved).toBe('The registration was saved as a draft.');
    const summary = main.locator('.participant-list').first();
    await expect.poll(() => summary.textContent()).toContain('Ministry of the Interior');
    await expect(summary.getByText('Ana Gómez').count()).resolves.toBe(0);

    // The secretariat accredits (the credentials are there: no reason asked).
    const staff = await suite.open(path, { role: 'secretariat-staff' });
    await staff.page.getByRole('button', { name: 'Accredit Ecuador' }).click();
    await expect.poll(() => staff.page.getByRole('heading', { name: 'Waiting for a decision (0)' }).count()).toBe(1);

    // Editing the accredited delegation: warned before, told after; it stays accredited and published.
    await suite.visit(page, path);
    const warning =
      'Ecuador is accredited. What you save now goes to the secretariat as a change to approve; until it decides, the accredited delegation stays as it is, on the list of participants too.';
    await expect.poll(() => form.getByText(warning).count()).toBe(1);
    await form.getByRole('button', { name: 'Add a participant' }).click();
    await form.getByRole('group', { name: 'Participant 2' }).getByLabel('Full name').fill('Jean Dupont');
    await form.getByRole('button', { name: 'Save as draft' }).click();
    await expect
      .poll(saved)
      .toBe(
        'Your change was sent to the secretariat for approval. Ecuador stays accredited, with its current participants, until the secretariat decides.',
      );
    await expect.poll(() => main.locator('.badge').first().textContent()).toBe('Accredited');
    await expectAccessible(page);
    const published = await (await fetch(`${suite.server.url}/api/v1/meetings/${slug}/participants`)).text();
    expect(published).toContain('María Pérez');
    expect(published).not.toContain('Jean Dupont');

    // The secretariat finds the change waiting for its decision.
    await suite.visit(staff.page, path);
    await expect.poll(() => staff.page.getByRole('heading', { name: 'Waiting for a decision (1)' }).count()).toBe(1);
    await expect(staff.page.getByRole('button', { name: 'Approve the change of Ecuador' }).count()).resolves.toBe(1);
    expect([...errors, ...other.errors, ...staff.errors].filter((e) => !/status of 409/.test(e))).toEqual([]);
  });
});

/** The error shown under the field labelled `label` inside `scope`. */
async function fieldError(scope: ReturnType<Page['getByRole']>, label: string): Promise<string | null> {
  const described = await scope.getByLabel(label, { exact: true }).getAttribute('aria-describedby');
  const id = described?.split(' ').find((part) => part.endsWith('-error'));
  return id ? scope.page().locator(`[id="${id}"]`).textContent() : null;
}
