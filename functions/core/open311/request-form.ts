import { InvalidHandleError, normalizeEmail, normalizePhone } from '../citizen-handle.ts';
import { Open311Error } from './errors.ts';
import { findService, type Open311Service, type ServiceAttribute } from './services.ts';

/** The description limit GeoReport v2 sets ("free form text limited to 4,000 characters"). */
export const DESCRIPTION_MAX_CHARS = 4000;
const NAME_MAX_CHARS = 100;
const URL_MAX_CHARS = 2048;
const ADDRESS_MAX_CHARS = 1000;

export type FormPairs = ReadonlyArray<readonly [string, string]>;

/**
 * application/x-www-form-urlencoded → name/value pairs in order, names repeated as sent
 * (`attribute[code][]` carries one value per pair). Refuses what cannot be decoded rather than
 * guessing; the description names the problem, never the value.
 */
export function parseForm(body: string): FormPairs {
  const pairs: Array<readonly [string, string]> = [];
  for (const part of body.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const rawName = eq === -1 ? part : part.slice(0, eq);
    const rawValue = eq === -1 ? '' : part.slice(eq + 1);
    try {
      pairs.push([decodeURIComponent(rawName.replace(/\+/g, ' ')), decodeURIComponent(rawValue.replace(/\+/g, ' '))]);
    } catch {
      throw new Open311Error(400, 'the request body is not valid application/x-www-form-urlencoded UTF-8');
    }
  }
  return pairs;
}

export interface ParsedServiceRequest {
  apiKey: string | undefined;
  jurisdictionId: string | undefined;
  service: Open311Service;
  lat?: number;
  long?: number;
  address?: string;
  description: string;
  mediaUrl?: URL;
  /** Normalised (E.164); the citizen handle when present. */
  phone?: string;
  /** Normalised. */
  email?: string;
  firstName?: string;
  lastName?: string;
  attributes: Record<string, string[]>;
}

const SINGLE_FIELDS = [
  'api_key',
  'jurisdiction_id',
  'service_code',
  'lat',
  'long',
  'address_string',
  'address_id',
  'email',
  'device_id',
  'account_id',
  'first_name',
  'last_name',
  'phone',
  'description',
  'media_url',
] as const;
type SingleField = (typeof SINGLE_FIELDS)[number];

const ATTRIBUTE = /^attribute\[([^\]]{1,64})\](\[\])?$/;

/** Quoted for an error description: printable, short, so input never floods or injects into it. */
export function quoted(value: string): string {
  const clean = value.replace(/[^\p{L}\p{N}_.:\-/ ]/gu, '?');
  return `"${clean.length > 64 ? `${clean.slice(0, 64)}…` : clean}"`;
}

/**
 * Reads a POST Service Request form (GeoReport v2). Optional arguments that are sent empty count
 * as not sent, as the spec defines "optional". A missing service_code is 400 and an unknown one
 * 404; every other problem is collected and answered as one 400 listing all of them.
 * device_id and account_id are accepted and not kept: they identify a person and nothing here needs them.
 */
export function readServiceRequestForm(pairs: FormPairs): ParsedServiceRequest {
  const fields = new Map<SingleField, string>();
  const attributeValues = new Map<string, string[]>();
  const problems: string[] = [];
  for (const [name, value] of pairs) {
    const attribute = ATTRIBUTE.exec(name);
    if (attribute) {
      const code = attribute[1] ?? '';
      attributeValues.set(code, [...(attributeValues.get(code) ?? []), value]);
      continue;
    }
    if (!(SINGLE_FIELDS as readonly string[]).includes(name)) continue; // unknown arguments are ignored, as clients add their own
    if (fields.has(name as SingleField)) problems.push(`${name} was sent more than once`);
    else fields.set(name as SingleField, value.trim() === '' ? '' : value);
  }
  const get = (name: SingleField): string | undefined => {
    const value = fields.get(name);
    return value === undefined || value === '' ? undefined : value;
  };

  const serviceCode = get('service_code');
  if (serviceCode === undefined) throw new Open311Error(400, 'service_code was not provided');
  const service = findService(serviceCode);
  if (!service) throw new Open311Error(404, `service_code ${quoted(serviceCode)} was not found`);

  const parsed: ParsedServiceRequest = { apiKey: get('api_key'), jurisdictionId: get('jurisdiction_id'), service, description: '', attributes: {} };
  readLocation(parsed, get('lat'), get('long'), get('address_string'), get('address_id'), problems);

  const description = get('description') ?? '';
  if ([...description].length > DESCRIPTION_MAX_CHARS) problems.push(`description is longer than ${DESCRIPTION_MAX_CHARS} characters`);
  else parsed.description = description;

  const mediaUrl = get('media_url');
  if (mediaUrl !== undefined) {
    const url = URL.canParse(mediaUrl) ? new URL(mediaUrl) : null;
    if (!url || !/^https?:$/.test(url.protocol) || mediaUrl.length > URL_MAX_CHARS) problems.push(`media_url must be an http(s) URL of at most ${URL_MAX_CHARS} characters`);
    else parsed.mediaUrl = url;
  }

  const phone = get('phone');
  if (phone !== undefined) {
    try {
      parsed.phone = normalizePhone(phone);
    } catch (error) {
      if (!(error instanceof InvalidHandleError)) throw error;
      problems.push(`phone is not a phone number we can reach (${error.message})`);
    }
  }
  const email = get('email');
  if (email !== undefined) {
    try {
      parsed.email = normalizeEmail(email);
    } catch (error) {
      if (!(error instanceof InvalidHandleError)) throw error;
      problems.push('email is not an email address');
    }
  }
  for (const [field, key] of [['first_name', 'firstName'], ['last_name', 'lastName']] as const) {
    const value = get(field);
    if (value === undefined) continue;
    if ([...value].length > NAME_MAX_CHARS) problems.push(`${field} is longer than ${NAME_MAX_CHARS} characters`);
    else parsed[key] = value.trim();
  }
  parsed.attributes = readAttributes(service, attributeValues, problems);
  if (problems.length > 0) throw new Open311Error(400, problems);
  return parsed;
}

function readLocation(
  parsed: ParsedServiceRequest,
  lat: string | undefined,
  long: string | undefined,
  address: string | undefined,
  addressId: string | undefined,
  problems: string[],
): void {
  if ((lat === undefined) !== (long === undefined)) problems.push('lat and long must be sent together');
  if (lat !== undefined && long !== undefined) {
    const latitude = coordinate(lat, 90);
    const longitude = coordinate(long, 180);
    if (latitude === null) problems.push('lat must be a WGS84 latitude between -90 and 90');
    if (longitude === null) problems.push('long must be a WGS84 longitude between -180 and 180');
    if (latitude !== null && longitude !== null) {
      parsed.lat = latitude;
      parsed.long = longitude;
    }
  }
  if (address !== undefined) {
    if ([...address].length > ADDRESS_MAX_CHARS) problems.push(`address_string is longer than ${ADDRESS_MAX_CHARS} characters`);
    else parsed.address = address.trim();
  }
  if (lat === undefined && long === undefined && address === undefined) {
    problems.push(
      addressId !== undefined
        ? 'address_id is not supported by this jurisdiction (it keeps no address register): send lat and long, or address_string'
        : 'a location was not provided: send lat and long, or address_string',
    );
  }
}

function coordinate(text: string, limit: number): number | null {
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text.trim())) return null;
  const value = Number(text);
  return Number.isFinite(value) && Math.abs(value) <= limit ? value : null;
}

/** attribute[code]=value against the service definition: known codes, listed keys, required ones present. */
function readAttributes(service: Open311Service, sent: Map<string, string[]>, problems: string[]): Record<string, string[]> {
  const definitions = new Map((service.attributes ?? []).map((attribute) => [attribute.code, attribute]));
  const answers: Record<string, string[]> = {};
  for (const [code, values] of sent) {
    const definition = definitions.get(code);
    if (!definition) {
      problems.push(`attribute ${quoted(code)} is not defined for service_code ${service.code}`);
      continue;
    }
    const given = values.filter((value) => value.trim() !== '');
    if (given.length === 0) continue;
    const problem = checkAttribute(definition, given);
    if (problem) problems.push(problem);
    else answers[code] = given.map((value) => value.trim());
  }
  for (const definition of definitions.values()) {
    if (definition.required && answers[definition.code] === undefined && !problems.some((p) => p.startsWith(`attribute ${definition.code} `))) {
      problems.push(`attribute ${definition.code} is required for service_code ${service.code}`);
    }
  }
  return answers;
}

function checkAttribute(definition: ServiceAttribute, values: string[]): string | null {
  const code = definition.code;
  if (definition.datatype !== 'multivaluelist' && values.length > 1) return `attribute ${code} takes one value`;
  switch (definition.datatype) {
    case 'singlevaluelist':
    case 'multivaluelist': {
      const keys = new Set((definition.values ?? []).map((value) => value.key));
      const unknown = values.find((value) => !keys.has(value.trim()));
      return unknown === undefined ? null : `attribute ${code} has no value ${quoted(unknown)} (see the service definition)`;
    }
    case 'number':
      return values.every((value) => /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(value.trim())) ? null : `attribute ${code} must be a number`;
    case 'datetime':
      return values.every((value) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value.trim()) && !Number.isNaN(Date.parse(value)))
        ? null
        : `attribute ${code} must be an ISO 8601 date and time with a time zone`;
    case 'string':
      return values.every((value) => !/[\r\n]/.test(value) && [...value].length <= 1000) ? null : `attribute ${code} must be one line of at most 1000 characters`;
    case 'text':
      return values.every((value) => [...value].length <= DESCRIPTION_MAX_CHARS) ? null : `attribute ${code} is longer than ${DESCRIPTION_MAX_CHARS} characters`;
  }
}
