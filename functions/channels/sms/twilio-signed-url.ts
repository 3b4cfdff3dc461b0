/*
 * Twilio signs the webhook URL exactly as it is configured on the number, query string included as
 * typed (Twilio, "Secure webhooks": it hashes "the Webhook URL set in Twilio"; twilio-node's
 * validateRequest takes "the full URL (with query string) you configured with Twilio"). API
 * Gateway's REST proxy event carries no raw query string, only the decoded parameters, so the
 * spelling Twilio signed is one of the few a configured query can have: spaces as %20 (RFC 3986,
 * what encodeURIComponent writes) or + (HTML forms), a parameter without a value as `flag` or
 * `flag=`. Each spelling is a candidate; every one decodes to the request's own parameters, so no
 * candidate covers another query.
 */

/** Decoded query parameters in arrival order, as API Gateway's multiValueQueryStringParameters gives them. */
export type QueryEntries = ReadonlyArray<readonly [name: string, value: string]>;

type Encode = (component: string) => string;

/** RFC 3986 percent-encoding: space as %20. */
const percentEncode: Encode = encodeURIComponent;

/** application/x-www-form-urlencoded (WHATWG URL): space as +, `*-._` left as they are. */
const formEncode: Encode = (component) => new URLSearchParams([['', component]]).toString().slice(1);

function serialize(entries: QueryEntries, encode: Encode, bareEmpty: boolean): string {
  return entries.map(([name, value]) => (bareEmpty && value === '' ? encode(name) : `${encode(name)}=${encode(value)}`)).join('&');
}

/** The query strings (without `?`) these decoded parameters can have been configured as; empty for none. */
export function querySpellings(entries: QueryEntries): string[] {
  if (entries.length === 0) return [''];
  const spellings = new Set<string>();
  for (const encode of [percentEncode, formEncode]) {
    for (const bareEmpty of [false, true]) spellings.add(serialize(entries, encode, bareEmpty));
  }
  return [...spellings];
}

/**
 * Every URL Twilio may have signed for a request to `path` with these query parameters: the
 * configured public origin as written (its host's case and any user:password kept), the path as the
 * client called it, and each spelling of the query.
 */
export function signedUrlCandidates(publicBaseUrl: string, path: string, query: QueryEntries): string[] {
  return querySpellings(query).map((search) => `${publicBaseUrl}${path}${search === '' ? '' : `?${search}`}`);
}
