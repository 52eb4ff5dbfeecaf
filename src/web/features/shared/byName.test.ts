import { describe, expect, it } from 'vitest';
import { byName, nameOptions } from './byName.js';

const names = (list: string[], lang: string) => byName(list, (name) => name, lang);

describe('byName', () => {
  it('sorts accented names by their letters, not after "z" as a code-point sort would', () => {
    expect(names(['Perú', 'Panamá', 'Paraguay'], 'es')).toEqual(['Panamá', 'Paraguay', 'Perú']);
    const french = ['Pérou', 'États-Unis', 'Canada', 'Équateur'];
    expect(names(french, 'fr')).toEqual(['Canada', 'Équateur', 'États-Unis', 'Pérou']);
    expect([...french].sort()).toEqual(['Canada', 'Pérou', 'Équateur', 'États-Unis']);
  });

  it('follows the reader\'s language where Spanish and English differ ("ñ" after "n" in Spanish)', () => {
    expect(names(['Ñandutí', 'Nuevo León'], 'en')).toEqual(['Ñandutí', 'Nuevo León']);
    expect(names(['Ñandutí', 'Nuevo León'], 'es')).toEqual(['Nuevo León', 'Ñandutí']);
  });

  it('ignores case and leaves the input untouched', () => {
    const input = ['suriname', 'Bahamas', 'brazil'];
    expect(names(input, 'en')).toEqual(['Bahamas', 'brazil', 'suriname']);
    expect(input).toEqual(['suriname', 'Bahamas', 'brazil']);
  });
});

describe('nameOptions', () => {
  it('gives slug-valued options ordered by the shown name, not by slug', () => {
    const states = [
      { slug: 'br', name: { text: 'Brasil' } },
      { slug: 'bs', name: { text: 'Bahamas' } },
      { slug: 'sv', name: { text: 'El Salvador' } },
    ];
    expect(nameOptions(states, 'es')).toEqual([
      { value: 'bs', label: 'Bahamas' },
      { value: 'br', label: 'Brasil' },
      { value: 'sv', label: 'El Salvador' },
    ]);
  });
});
