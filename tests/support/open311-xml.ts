import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import formatsPlugin from 'ajv-formats';

// ajv-formats is CommonJS: under NodeNext its default import is the module object.
const addFormats = (formatsPlugin as unknown as { default: (ajv: Ajv) => Ajv }).default;

/**
 * A deliberately strict reader for the XML GeoReport v2 defines: the declaration with
 * encoding UTF-8 first, elements without attributes or namespaces, text with the five
 * predefined entities and character references, no comments, CDATA, processing instructions
 * or mixed content. Anything else throws, so a sloppy answer fails the test instead of being
 * read leniently.
 */
export interface XmlElement {
  name: string;
  children: XmlElement[];
  /** Text content of a leaf (decoded); '' for an empty element. */
  text: string;
}

const DECLARATION = /^<\?xml version="1\.0" encoding="UTF-8"\?>\s*/i;
const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*/;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function readXml(source: string): XmlElement {
  const declaration = DECLARATION.exec(source);
  if (!declaration) throw new Error('the document does not start with <?xml version="1.0" encoding="UTF-8"?>');
  let at = declaration[0].length;
  const fail = (why: string): never => {
    throw new Error(`${why} at offset ${at}: ${JSON.stringify(source.slice(at, at + 40))}`);
  };

  const decode = (raw: string): string =>
    raw.replace(/&([^;]*);|&/g, (match, entity: string | undefined) => {
      if (entity === undefined) return fail('a bare & in text');
      if (ENTITIES[entity] !== undefined) return ENTITIES[entity];
      const code = /^#x([0-9a-fA-F]+)$/.exec(entity)?.[1] ?? /^#([0-9]+)$/.exec(entity)?.[1];
      if (code === undefined) return fail(`unknown entity ${match}`);
      return String.fromCodePoint(Number.parseInt(code, entity.startsWith('#x') ? 16 : 10));
    });

  const element = (): XmlElement => {
    if (source[at] !== '<') fail('expected an element');
    at += 1;
    if (/^[!?]/.test(source[at] ?? '')) fail('comments, CDATA, DOCTYPE and processing instructions are not allowed');
    const name = NAME.exec(source.slice(at))?.[0] ?? fail('expected an element name');
    if (name.includes(':')) fail('namespaces are not allowed');
    at += name.length;
    if (source.startsWith('/>', at)) {
      at += 2;
      return { name, children: [], text: '' };
    }
    if (source[at] !== '>') fail(`attributes are not allowed (element <${name}>)`);
    at += 1;
    const children: XmlElement[] = [];
    let text = '';
    for (;;) {
      const next = source.indexOf('<', at);
      if (next === -1) fail(`<${name}> is not closed`);
      text += source.slice(at, next);
      at = next;
      if (source.startsWith('</', at)) {
        at += 2;
        if (!source.startsWith(`${name}>`, at)) fail(`expected </${name}>`);
        at += name.length + 1;
        break;
      }
      children.push(element());
    }
    if (children.length > 0) {
      if (text.trim() !== '') fail(`<${name}> mixes text and elements`);
      return { name, children, text: '' };
    }
    return { name, children, text: decode(text) };
  };

  const root = element();
  if (source.slice(at).trim() !== '') fail('content after the root element');
  return root;
}

type Schema = { type?: string | string[]; items?: Schema; properties?: Record<string, Schema>; enum?: unknown[]; const?: unknown };

function types(schema: Schema): string[] {
  if (schema.type === undefined) return schema.enum || schema.const !== undefined ? ['string'] : [];
  return Array.isArray(schema.type) ? schema.type : [schema.type];
}

/**
 * The Spark convention (wiki.open311.org/JSON_and_XML_Conversion): a container whose schema is
 * an array becomes an array of its repeated children (even one, even none); an element with
 * fields becomes an object; an empty leaf becomes null; a leaf becomes the JSON type the schema
 * names for it when its text is exactly that type's spelling (true/false, a number), otherwise
 * it stays a string, so the schema check then fails on it.
 */
export function sparkJson(element: XmlElement, schema: Schema, itemName?: string): unknown {
  const kinds = types(schema);
  if (kinds.includes('array')) {
    const items = schema.items ?? {};
    for (const child of element.children) if (itemName && child.name !== itemName) throw new Error(`<${element.name}> holds <${child.name}>, expected <${itemName}>`);
    if (element.children.length === 0 && element.text !== '') throw new Error(`<${element.name}> should hold elements, holds text`);
    return element.children.map((child) => sparkJson(child, items, itemNameFor(child.name, items)));
  }
  if (kinds.includes('object')) {
    const out: Record<string, unknown> = {};
    for (const child of element.children) {
      if (child.name in out) throw new Error(`<${element.name}> repeats <${child.name}>`);
      const property = schema.properties?.[child.name] ?? {};
      out[child.name] = sparkJson(child, property, itemNameFor(child.name, property));
    }
    return out;
  }
  if (element.children.length > 0) throw new Error(`<${element.name}> should be a value, holds elements`);
  if (element.text === '' && kinds.includes('null')) return null;
  if (kinds.includes('boolean') && (element.text === 'true' || element.text === 'false')) return element.text === 'true';
  if ((kinds.includes('number') || kinds.includes('integer')) && /^-?\d+(\.\d+)?$/.test(element.text)) return Number(element.text);
  return element.text;
}

/** GeoReport's containers name their items by the singular: services/service, attributes/attribute, values/value, formats/format, errors/error. */
const ITEM_NAMES: Record<string, string> = {
  services: 'service',
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
  errors: 'error',
  service_requests: 'request',
};

function itemNameFor(container: string, schema: Schema): string | undefined {
  return types(schema).includes('array') ? ITEM_NAMES[container] : undefined;
}

export type Open311SchemaName = 'services' | 'service-definition' | 'service-requests' | 'post-service-request' | 'errors' | 'discovery';

const ROOTS: Record<Open311SchemaName, string> = {
  services: 'services',
  'service-definition': 'service_definition',
  'service-requests': 'service_requests',
  'post-service-request': 'service_requests',
  errors: 'errors',
  discovery: 'discovery',
};

const ajv = new Ajv({ allErrors: true, strict: true });
addFormats(ajv);
const schemas = new Map<Open311SchemaName, { raw: Schema; validate: ValidateFunction }>();

function schemaFor(name: Open311SchemaName): { raw: Schema; validate: ValidateFunction } {
  let entry = schemas.get(name);
  if (!entry) {
    const raw = JSON.parse(readFileSync(new URL(`../fixtures/open311/${name}.schema.json`, import.meta.url), 'utf8')) as Schema;
    entry = { raw, validate: ajv.compile(raw) };
    schemas.set(name, entry);
  }
  return entry;
}

/** Validates a JSON answer against the team's schema; returns the value or throws with every violation. */
export function checkJson(name: Open311SchemaName, body: string): unknown {
  const value: unknown = JSON.parse(body);
  const { validate } = schemaFor(name);
  if (!validate(value)) throw new Error(`${name} (JSON) does not match its schema: ${ajv.errorsText(validate.errors, { separator: '\n' })}`);
  return value;
}

/** Reads an XML answer strictly, converts it to the JSON structure and validates that; returns it. */
export function checkXml(name: Open311SchemaName, body: string): unknown {
  const root = readXml(body);
  if (root.name !== ROOTS[name]) throw new Error(`${name} (XML) has root <${root.name}>, expected <${ROOTS[name]}>`);
  const { raw, validate } = schemaFor(name);
  const value = sparkJson(root, raw, ITEM_NAMES[root.name]);
  if (!validate(value)) throw new Error(`${name} (XML) does not match its schema: ${ajv.errorsText(validate.errors, { separator: '\n' })}`);
  return value;
}
