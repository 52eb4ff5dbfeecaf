import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidParameterError } from '../../http/problems.js';
import { recordBody, sanitizeRecordHtml } from './rich-text.js';

/** Pieces of HTML, harmless and hostile, that random documents are made of. */
const PIECES = [
  '<p>',
  '</p>',
  '<h2>',
  '</h2>',
  '<h4>',
  '</h4>',
  '<ul><li>',
  '</li></ul>',
  '<ol>',
  '<li>',
  '<strong>',
  '</strong>',
  '<b>',
  '<i>',
  '<em>',
  '<br>',
  '<a href="https://www.oas.org/">',
  '<a href="javascript:alert(1)">',
  '<a href="JaVaScRiPt:alert(1)">',
  '<a href="java&#x09;script:alert(1)">',
  '<a href=" javascript:alert(1)">',
  '<a href="data:text/html,<script>alert(1)</script>">',
  '<a href="vbscript:x">',
  '<a href="//evil.example/">',
  '</a>',
  '<script>alert(1)</script>',
  '<SCRIPT SRC=x></SCRIPT>',
  '<script',
  '<style>body{display:none}</style>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)>',
  '<p onclick="alert(1)">',
  '<div style="background:url(javascript:alert(1))">',
  '<iframe src="https://evil.example/">',
  '<object data=x>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<!-- <script>x</script> -->',
  '<![CDATA[<script>x</script>]]>',
  '<textarea><script>x</script></textarea>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '<form action="javascript:x"><button formaction="javascript:x">',
  '<base href="javascript:/">',
  '<meta http-equiv="refresh" content="0;url=javascript:x">',
  '<input onfocus=alert(1) autofocus>',
  '" onmouseover="alert(1)',
  "' onload='x",
  '<',
  '>',
  '&',
  '&lt;script&gt;',
  'Acta de la sesión',
  'Ação',
  ' ',
  '\n',
];

const randomHtml = fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 8 })), { maxLength: 40 });

const ALLOWED_ELEMENTS = ['p', 'br', 'h4', 'h5', 'ul', 'ol', 'li', 'strong', 'em', 'a'];

/**
 * What no stored text may hold: an element that runs or styles, an event handler, a script
 * address. Text is escaped on the way out, so every `<` left opens an element, and each is checked:
 * one of the allow-list, with no attribute but a link's http(s) or mailto address and its rel.
 */
function expectSafe(html: string) {
  for (const [tag, inside = ''] of html.matchAll(/<([^>]*)>?/g)) {
    expect(ALLOWED_ELEMENTS, tag).toContain(/^\/?([a-z0-9]+)/.exec(inside)?.[1]);
    const attributes = [...inside.matchAll(/\s([^\s=]+)="([^"]*)"/g)];
    // Nothing in the tag but its name and those attributes, each quoted.
    expect(
      inside
        .replace(/^\/?[a-z0-9]+/, '')
        .replace(/\s[^\s=]+="[^"]*"/g, '')
        .replace(/ \/$/, ''),
      tag,
    ).toBe('');
    for (const [, name, value = ''] of attributes) {
      expect(['href', 'rel'], tag).toContain(name);
      if (name === 'href') expect(value, tag).toMatch(/^(https?:|mailto:)/i);
    }
  }
}

describe('the minutes’ HTML (rich-text.ts)', () => {
  it('never keeps a script, a style, an event handler or a script link, whatever it is sent', () => {
    fc.assert(
      fc.property(randomHtml, (pieces) => {
        expectSafe(sanitizeRecordHtml(pieces.join('')));
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps the editor’s headings, lists, emphasis and links, with the link kept from the page it leaves', () => {
    expect(
      sanitizeRecordHtml(
        '<h2>Opening</h2><h3>Quorum</h3><p>The <b>chair</b> opened the <i>session</i>.</p>' +
          '<ul><li><p>One</p></li></ul><ol><li>Two</li></ol><p><a href="https://www.oas.org/" target="_blank" rel="opener">OAS</a></p>',
      ),
    ).toBe(
      '<h4>Opening</h4><h4>Quorum</h4><p>The <strong>chair</strong> opened the <em>session</em>.</p>' +
        '<ul><li><p>One</p></li></ul><ol><li>Two</li></ol>' +
        '<p><a href="https://www.oas.org/" rel="noopener noreferrer nofollow">OAS</a></p>',
    );
  });

  it('drops what it does not know, keeping its text, but never the text of a script or a style', () => {
    expect(sanitizeRecordHtml('<div class="x" onclick="y()"><span>kept</span></div><script>gone()</script>')).toBe(
      'kept',
    );
    expect(sanitizeRecordHtml('<a href="javascript:alert(1)">label</a>')).toBe(
      '<a rel="noopener noreferrer nofollow">label</a>',
    );
    expect(sanitizeRecordHtml('a < b & c')).toBe('a &lt; b &amp; c');
  });

  it('refuses a text with nothing readable left, naming the body', () => {
    for (const empty of ['<script>alert(1)</script>', '<p></p>', '<p> <br> </p>', '<style>p{}</style>']) {
      expect(() => recordBody(empty)).toThrow(InvalidParameterError);
      try {
        recordBody(empty);
      } catch (error) {
        expect(error).toMatchObject({ parameter: 'body', location: 'body', reason: 'reason.record.noText' });
      }
    }
    expect(recordBody(' <p>Kept</p> ')).toBe('<p>Kept</p>');
  });
});
