import { ListOf, type Document, type Fields } from './document.ts';
import { Open311Error } from './errors.ts';
import { OPEN311_SERVICES, findService, hasMetadata, type Open311Language, type Open311Service, type ServiceAttribute } from './services.ts';

/**
 * The answer language: GeoReport v2 has no language argument, so HTTP's Accept-Language decides
 * (Korean unless English is preferred over it; the city's other languages get English).
 */
export function open311Language(acceptLanguage: string | undefined): Open311Language {
  if (!acceptLanguage) return 'ko';
  const ranked = acceptLanguage
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { primary: tag.split('-')[0] ?? '', q: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry) => entry.primary !== '' && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  const first = ranked[0]?.primary;
  return first === undefined || first === 'ko' || first === '*' ? 'ko' : 'en';
}

function serviceFields(entry: Open311Service, language: Open311Language): Fields {
  return {
    service_code: entry.code,
    service_name: entry.name[language],
    description: entry.description[language],
    metadata: hasMetadata(entry),
    type: 'realtime',
    keywords: entry.keywords[language],
    group: entry.group[language],
  };
}

/** GET services: every service, in the table's order. */
export function servicesDocument(language: Open311Language): Document {
  return { root: 'services', body: new ListOf('service', OPEN311_SERVICES.map((entry) => serviceFields(entry, language))) };
}

function attributeFields(attribute: ServiceAttribute, order: number, language: Open311Language): Fields {
  return {
    variable: true,
    code: attribute.code,
    datatype: attribute.datatype,
    required: attribute.required,
    datatype_description: attribute.datatypeDescription?.[language] ?? null,
    order,
    description: attribute.description[language],
    values: new ListOf('value', (attribute.values ?? []).map((value) => ({ key: value.key, name: value.name[language] }))),
  };
}

/**
 * GET service definition. Only services with attributes have one (their `metadata` is true);
 * for the others, and unknown codes, 404 as the spec lists.
 */
export function serviceDefinitionDocument(code: string, language: Open311Language): Document {
  const entry = findService(code);
  if (!entry) throw new Open311Error(404, `service_code ${code} was not found`);
  if (!hasMetadata(entry)) throw new Open311Error(404, `service_code ${code} has no service definition (its metadata is false)`);
  return {
    root: 'service_definition',
    body: {
      service_code: entry.code,
      attributes: new ListOf('attribute', (entry.attributes ?? []).map((attribute, index) => attributeFields(attribute, index + 1, language))),
    },
  };
}
