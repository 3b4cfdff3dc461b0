/**
 * A GeoReport v2 error: the HTTP status the spec prescribes (400 bad or missing argument,
 * 403 missing or wrong api_key, 404 unknown resource) and descriptions meant for the user,
 * several at once when a form has several problems. Descriptions never echo personal data.
 */
export class Open311Error extends Error {
  override readonly name = 'Open311Error';
  readonly errors: ReadonlyArray<{ code: number; description: string }>;

  constructor(
    readonly status: 400 | 403 | 404 | 429,
    descriptions: string | readonly string[],
    /** Seconds until the rate window reopens (429 only). */
    readonly retryAfterSeconds?: number,
  ) {
    const list = typeof descriptions === 'string' ? [descriptions] : descriptions;
    super(list.join('; '));
    this.errors = list.map((description) => ({ code: status, description }));
  }
}
