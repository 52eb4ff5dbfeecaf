import { readFileSync } from 'node:fs';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { Lang } from '../../contract/common.js';
import { Trans, TranslatorProvider } from './react.js';
import type { Catalog } from './sections.js';
import { Translator } from './translator.js';

const catalog = (lang: Lang): Catalog =>
  JSON.parse(readFileSync(new URL(`./${lang}.json`, import.meta.url), 'utf8')) as Catalog;

describe('Translator', () => {
  const translator = () =>
    new Translator('fr', {
      en: { home: { title: 'Home', only: 'Only in English', empty: 'Empty in French' } },
      fr: { home: { title: 'Accueil', empty: '' } },
    });

  it('gives the text in the language shown, else in English, else the key', () => {
    const { t } = translator();
    expect(t('home.title')).toBe('Accueil');
    expect(t('home.only')).toBe('Only in English');
    expect(t('home.empty')).toBe('Empty in French');
    expect(t('home.missing')).toBe('home.missing');
    expect(t('home')).toBe('home');
  });

  it('chooses the plural form the language asks for a count, then _other', () => {
    const texts = new Translator('fr', {
      fr: { n: { items_one: '{{count}} élément', items_many: '{{count, number}} d’éléments', items_other: 'autres' } },
      en: { n: { only_other: '{{count}} things' } },
    });
    expect(texts.t('n.items', { count: 1 })).toBe('1 élément');
    expect(texts.t('n.items', { count: 1_000_000 })).toBe(
      `${new Intl.NumberFormat('fr').format(1_000_000)} d’éléments`,
    );
    expect(texts.t('n.items', { count: 2 })).toBe('autres');
    // English has no _one here: _other serves, in the fallback's own rules.
    expect(texts.t('n.only', { count: 1 })).toBe('1 things');
  });

  it('writes {{name}} as given and {{name, number}} in the language’s way; a missing value stays visible', () => {
    const texts = new Translator('pt', { pt: { x: '{{who}} enviou {{n, number}} — {{absent}}' } });
    expect(texts.t('x', { who: 'Ana', n: 12345.5 })).toBe(
      `Ana enviou ${new Intl.NumberFormat('pt').format(12345.5)} — {{absent}}`,
    );
  });

  it('merges a part of a catalog into the sections there, and tells its listeners with a new t', () => {
    const texts = translator();
    const before = texts.t;
    let told = 0;
    const stop = texts.subscribe(() => told++);
    texts.add('fr', { home: { only: 'Seulement' }, nav: { meetings: 'Réunions' } });
    expect(texts.t('home.title')).toBe('Accueil');
    expect(texts.t('home.only')).toBe('Seulement');
    expect(texts.t('nav.meetings')).toBe('Réunions');
    expect(texts.t).not.toBe(before);
    texts.setLanguage('fr');
    expect(told, 'the same language again is no change').toBe(1);
    texts.setLanguage('en');
    expect(texts.t('home.title')).toBe('Home');
    stop();
    texts.setLanguage('fr');
    expect(told).toBe(2);
  });

  it.each(['en', 'es', 'fr', 'pt'] as const)('reads every plural text of the %s catalog for any count', (lang) => {
    const texts = new Translator(lang, { en: catalog('en'), [lang]: catalog(lang) });
    const plurals = new Set<string>();
    const walk = (node: Catalog, path: string) => {
      for (const [key, value] of Object.entries(node)) {
        const match = /^(.*)_(one|many|other)$/.exec(key);
        if (typeof value === 'object') walk(value, `${path}${key}.`);
        else if (match) plurals.add(`${path}${match[1]}`);
      }
    };
    walk(catalog(lang), '');
    expect(plurals.size).toBeGreaterThan(0);
    for (const key of plurals)
      for (const count of [0, 1, 2, 1_000_000]) {
        const text = texts.t(key, { count });
        expect(text, `${key} for ${count}`).not.toBe(key);
        expect(text, `${key} for ${count}`).not.toMatch(/\{\{\s*count/);
      }
  });
});

describe('Trans', () => {
  const render = (text: string) =>
    renderToStaticMarkup(
      <TranslatorProvider translator={new Translator('es', { es: { chair: text } })}>
        <Trans i18nKey="chair" components={{ state: <a href="/es/member-states/mx">México</a>, from: <em /> }} />
      </TranslatorProvider>,
    );

  it('puts each named element where the language’s sentence has its tag, around the text it encloses', () => {
    expect(render('<state/>, por elección en la <from>MISPA VII</from>')).toBe(
      '<a href="/es/member-states/mx">México</a>, por elección en la <em>MISPA VII</em>',
    );
  });

  it('leaves out a tag it has no element for, and the text around it stays', () => {
    expect(render('Antes <unknown/> después')).toBe('Antes  después');
  });
});
