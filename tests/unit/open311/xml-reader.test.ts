import { describe, expect, it } from 'vitest';
import { ListOf, render } from '../../../functions/core/open311/document.ts';
import { checkXml, readXml } from '../../support/open311-xml.ts';

const DECL = '<?xml version="1.0" encoding="UTF-8"?>\n';

describe('the strict XML reader the schema tests use', () => {
  it.each([
    ['no declaration', '<errors/>'],
    ['an attribute', `${DECL}<errors code="1"/>`],
    ['a comment', `${DECL}<errors><!-- x --></errors>`],
    ['a namespace', `${DECL}<a:errors/>`],
    ['mixed content', `${DECL}<errors>text<error/></errors>`],
    ['an unknown entity', `${DECL}<a>&nbsp;</a>`],
    ['a bare ampersand', `${DECL}<a>R&D</a>`],
    ['a wrong closing tag', `${DECL}<a></b>`],
    ['trailing content', `${DECL}<a/><b/>`],
  ])('refuses %s', (_what, xml) => {
    expect(() => readXml(xml)).toThrow();
  });

  it('decodes the predefined entities and character references', () => {
    expect(readXml(`${DECL}<a>&lt;b&gt; &amp; &quot;&apos; &#xD55C;&#44544;</a>`).text).toBe('<b> & "\' 한글');
  });

  it('fails a document whose XML holds a value of the wrong type, which the JSON rendering would show as a string', () => {
    expect(() => checkXml('errors', `${DECL}<errors><error><code>four hundred</code><description>x</description></error></errors>`)).toThrow(/code/);
    expect(() => checkXml('errors', `${DECL}<errors><problem><code>400</code><description>x</description></problem></errors>`)).toThrow(/<problem>/);
  });

  it('reads back what the renderer writes, control characters and markup in text included', () => {
    const xml = render({ root: 'errors', body: new ListOf('error', [{ code: 400, description: 'a <b> & \u0001 c' }]) }, 'xml');
    expect(checkXml('errors', xml)).toEqual([{ code: 400, description: 'a <b> & \uFFFD c' }]);
  });
});
