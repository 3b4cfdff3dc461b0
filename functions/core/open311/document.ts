/*
 * One value, two renderings: GeoReport v2 defines XML (required) and JSON as its programmatic
 * mapping by the Spark convention (wiki.open311.org/JSON_and_XML_Conversion): a container of
 * repeated elements is a JSON array even with one child, an empty element is null. Building
 * every answer as a Document and rendering it both ways keeps the two formats the same data.
 */

/** A container of repeated `item` elements: a JSON array, `<container><item/>…</container>` in XML. */
export class ListOf {
  constructor(
    readonly item: string,
    readonly items: readonly Value[],
  ) {}
}

/** Field order is element order in XML. */
export interface Fields {
  readonly [name: string]: Value;
}

export type Value = string | number | boolean | null | ListOf | Fields;

/** The root element's name and its content: a list (most answers) or fields (a service definition). */
export interface Document {
  readonly root: string;
  readonly body: ListOf | Fields;
}

export type Open311Format = 'json' | 'xml';

export const CONTENT_TYPES: Record<Open311Format, string> = {
  json: 'application/json; charset=utf-8',
  xml: 'text/xml; charset=utf-8',
};

export function render(document: Document, format: Open311Format): string {
  return format === 'json' ? JSON.stringify(toJson(document.body)) : renderXml(document);
}

function toJson(value: Value): unknown {
  // An empty element is null in the Spark convention: '' and null are one value here.
  if (value === '') return null;
  if (value instanceof ListOf) return value.items.map(toJson);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([name, field]) => [name, toJson(field)]));
  return value;
}

/** Characters XML 1.0 cannot carry at all (controls other than tab, LF, CR; lone surrogates; U+FFFE/FFFF). */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text content: escaped, and what XML cannot hold replaced by U+FFFD so the document stays well-formed. */
export function escapeXml(text: string): string {
  return text.replace(NOT_XML, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function renderXml(document: Document): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>\n'];
  element(out, document.root, document.body, 0);
  return out.join('');
}

function element(out: string[], name: string, value: Value, depth: number): void {
  const indent = '  '.repeat(depth);
  if (value === null || value === '') {
    out.push(`${indent}<${name}/>\n`);
    return;
  }
  if (value instanceof ListOf) {
    if (value.items.length === 0) {
      out.push(`${indent}<${name}/>\n`);
      return;
    }
    out.push(`${indent}<${name}>\n`);
    for (const item of value.items) element(out, value.item, item, depth + 1);
    out.push(`${indent}</${name}>\n`);
    return;
  }
  if (typeof value === 'object') {
    out.push(`${indent}<${name}>\n`);
    for (const [field, content] of Object.entries(value)) element(out, field, content, depth + 1);
    out.push(`${indent}</${name}>\n`);
    return;
  }
  out.push(`${indent}<${name}>${escapeXml(String(value))}</${name}>\n`);
}

/** GeoReport v2 errors: `<errors><error><code/><description/></error></errors>`, a JSON array. */
export function errorsDocument(errors: ReadonlyArray<{ code: number; description: string }>): Document {
  return { root: 'errors', body: new ListOf('error', errors.map((error) => ({ code: error.code, description: error.description }))) };
}
