import { describe, expect, it } from 'vitest';
import { cityIn } from './cities.js';

describe('city names in the reader’s language', () => {
  it('give the standard name where one is recorded, else the city as given', () => {
    expect(['en', 'es', 'fr', 'pt'].map((lang) => cityIn('Mexico City', lang as 'en'))).toEqual([
      'Mexico City',
      'Ciudad de México',
      'Mexico',
      'Cidade do México',
    ]);
    expect(cityIn('Port of Spain', 'es')).toBe('Puerto España');
    expect(cityIn('Port of Spain', 'fr')).toBe('Port-d’Espagne');
    // No standard Portuguese name recorded: the name as given.
    expect(cityIn('Port of Spain', 'pt')).toBe('Port of Spain');
    expect(cityIn('Lima', 'fr')).toBe('Lima');
    expect(cityIn(null, 'es')).toBeNull();
  });

  it('find a city by any of its names, however its accents and apostrophe are written', () => {
    expect(cityIn('Puerto España', 'en')).toBe('Port of Spain');
    expect(cityIn("port-d'espagne", 'es')).toBe('Puerto España');
    expect(cityIn('Ciudad de Mexico', 'pt')).toBe('Cidade do México');
    expect(cityIn('Saint-Domingue', 'es')).toBe('Santo Domingo');
  });
});
