/*
 * Constants the schemas share with code that does not parse: importing a schema file builds every
 * zod schema in it when the bundle loads, which showed up in the cold start of functions that only
 * wanted a number or a pattern (ADR 0008). No zod here.
 */

/** A knowledge case id: 1-64 letters, digits, ".", "_", ":" or "-", starting with a letter or digit. */
export const CASE_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;

/** Texts longer than this are stored whole but flagged: the service promises 1,000 characters. */
export const PROMISED_TEXT_LENGTH = 1000;
