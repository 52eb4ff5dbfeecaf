import { describe, expect, it } from 'vitest';
import { classifyParagraphs, kindFromOpening, numberImport, paragraphsOfText } from './document-import.js';

describe('document import: classing paragraphs', () => {
  it('knows preambular and operative openings in the four languages', () => {
    for (const text of [
      'Recognizing the importance of cooperation',
      'Bearing in mind the Charter',
      'Reconociendo la importancia de la cooperación',
      'Teniendo presente la Carta',
      'Reconnaissant l’importance de la coopération',
      'Ayant à l’esprit la Charte',
      'Reconhecendo a importância da cooperação',
      'Tendo presente a Carta',
    ])
      expect(kindFromOpening(text), text).toBe('preambular');
    for (const text of [
      'Adopt the Work Plan',
      'Call upon the member states',
      'Recomendar a los Estados',
      'Encomendar a la Secretaría',
      'Recommandent aux États',
      'Incentivar os Estados',
    ])
      expect(kindFromOpening(text), text).toBe('operative');
    expect(kindFromOpening('The ministers met in Lima')).toBeNull();
  });

  it('makes headings sections, numbered paragraphs operative without their typed number, and the rest follow', () => {
    const nodes = classifyParagraphs([
      { text: 'COMPROMISO POR LA SEGURIDAD PÚBLICA' },
      { text: 'Los Ministros, reunidos en México,' },
      { text: 'Considerando que la seguridad pública es un deber del Estado;' },
      { text: 'y que la cooperación es necesaria;' },
      { text: 'Resolución', heading: true },
      { text: '1. Promover la cooperación.' },
      { text: 'Fortalecer las instituciones.', listed: true },
      { text: '(b) Intercambiar información.' },
      { text: 'y presentar un informe.' },
    ]);
    expect(nodes).toEqual([
      { kind: 'section', text: 'COMPROMISO POR LA SEGURIDAD PÚBLICA' },
      { kind: 'preambular', text: 'Los Ministros, reunidos en México,' },
      { kind: 'preambular', text: 'Considerando que la seguridad pública es un deber del Estado;' },
      { kind: 'preambular', text: 'y que la cooperación es necesaria;' },
      { kind: 'section', text: 'Resolución' },
      { kind: 'operative', text: 'Promover la cooperación.' },
      { kind: 'operative', text: 'Fortalecer las instituciones.' },
      { kind: 'operative', text: 'Intercambiar información.' },
      { kind: 'operative', text: 'y presentar un informe.' },
    ]);
  });

  it('numbers preambular and operative paragraphs apart, sections unnumbered', () => {
    expect(
      numberImport([
        { kind: 'section', text: 'A' },
        { kind: 'preambular', text: 'b' },
        { kind: 'operative', text: 'c' },
        { kind: 'preambular', text: 'd' },
        { kind: 'operative', text: 'e' },
      ]).map((n) => n.number),
    ).toEqual([null, 1, 1, 2, 2]);
  });

  it('splits a plain text at blank lines, joining wrapped lines, or else at each line', () => {
    expect(
      paragraphsOfText('\uFEFFRecognizing the\r\nimportance;\r\n\r\n1. Adopt\n  the plan.\n\n\n').map((p) => p.text),
    ).toEqual(['Recognizing the importance;', '1. Adopt the plan.']);
    expect(paragraphsOfText('Recognizing;\nAdopt.\n').map((p) => p.text)).toEqual(['Recognizing;', 'Adopt.']);
    expect(paragraphsOfText(' \n\n ')).toEqual([]);
  });
});
