import { describe, expect, it } from 'vitest';
import { classifyParagraphs } from '../../../domain/document-import.js';
import { ooxmlBytes, zipBytes } from '../../files/testing.js';
import { paragraphsOfDocx } from './import.js';
import { docxBytes } from './testing.js';

describe('document import: reading a DOCX', () => {
  it('reads an English DOCX: heading styles, Word’s list numbering, text in order', async () => {
    const paragraphs = await paragraphsOfDocx(
      docxBytes([
        { text: 'Commitment to Public Security', style: 'Title' },
        { text: 'Recognizing that public security is a duty of the State;' },
        { text: 'Operative part', style: 'Heading1' },
        { text: 'Strengthen police training.', listed: true },
        { text: 'Exchange information <securely> & promptly.', listed: true },
      ]),
    );
    expect(paragraphs).toEqual([
      { text: 'Commitment to Public Security', heading: true, listed: false },
      { text: 'Recognizing that public security is a duty of the State;', heading: false, listed: false },
      { text: 'Operative part', heading: true, listed: false },
      { text: 'Strengthen police training.', heading: false, listed: true },
      { text: 'Exchange information <securely> & promptly.', heading: false, listed: true },
    ]);
    expect(classifyParagraphs(paragraphs ?? []).map((n) => n.kind)).toEqual([
      'section',
      'preambular',
      'section',
      'operative',
      'operative',
    ]);
  });

  it('reads a Portuguese and a French DOCX with accents, classing them by their openings', async () => {
    const pt = await paragraphsOfDocx(
      docxBytes([
        { text: 'Reconhecendo a importância da cooperação hemisférica;' },
        { text: 'Recomendar aos Estados membros que reforcem a prevenção.' },
      ]),
    );
    expect(classifyParagraphs(pt ?? [])).toEqual([
      { kind: 'preambular', text: 'Reconhecendo a importância da cooperação hemisférica;' },
      { kind: 'operative', text: 'Recomendar aos Estados membros que reforcem a prevenção.' },
    ]);
    const fr = await paragraphsOfDocx(
      docxBytes([{ text: 'Réaffirmant leur engagement ;' }, { text: '2. Décident de créer un réseau.' }]),
    );
    expect(classifyParagraphs(fr ?? [])).toEqual([
      { kind: 'preambular', text: 'Réaffirmant leur engagement ;' },
      { kind: 'operative', text: 'Décident de créer un réseau.' },
    ]);
  });

  it('answers null for what is no DOCX it can read', async () => {
    expect(await paragraphsOfDocx(Buffer.from('not a zip at all'))).toBeNull();
    expect(await paragraphsOfDocx(ooxmlBytes('xlsx'))).toBeNull();
    expect(
      await paragraphsOfDocx(zipBytes([{ name: 'word/document.xml', data: '<w:document><w:body><w:p>' }])),
    ).toBeNull();
  });
});
