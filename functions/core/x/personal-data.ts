import { maskPhoneNumbersInText, maskResidentRegistrationNumbers } from '../pii-masking.ts';

/*
 * Finds personal data a public reply must not carry. Phone numbers and resident registration
 * numbers reuse the masking rules of functions/core/pii-masking.ts (a match is whatever the
 * masker would change); e-mail addresses are detected here, since the masker leaves them.
 * Numbers and addresses the city publishes itself (department lines) can be allowed.
 */

export type PersonalDataKind = 'phone' | 'rrn' | 'email';

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;

export interface PersonalDataOptions {
  /** Public contact points that are not personal data: phone numbers (any format) and e-mail addresses. */
  allowedPublicContacts?: readonly string[];
}

export function findPersonalData(text: string, options: PersonalDataOptions = {}): PersonalDataKind[] {
  const allowed = options.allowedPublicContacts ?? [];
  const allowedEmails = new Set(allowed.filter((entry) => entry.includes('@')).map((entry) => entry.toLowerCase()));

  const found = new Set<PersonalDataKind>();
  const withoutRrn = maskResidentRegistrationNumbers(text);
  if (withoutRrn !== text) found.add('rrn');

  // Blank out the city's own numbers, in whatever format they are written, before asking the phone masker.
  const withoutPublic = allowedNumberPatterns(allowed).reduce((text, pattern) => text.replace(pattern, ' '), withoutRrn);
  if (maskPhoneNumbersInText(withoutPublic) !== withoutPublic) found.add('phone');

  for (const match of text.matchAll(EMAIL)) {
    if (!allowedEmails.has(match[0].toLowerCase())) found.add('email');
  }
  return [...found];
}

/** "02-2133-0120" -> a pattern matching 0221330120 with any separators between the digits. */
function allowedNumberPatterns(allowed: readonly string[]): RegExp[] {
  return allowed
    .filter((entry) => !entry.includes('@'))
    .map((entry) => entry.replace(/\D/g, ''))
    .filter((digits) => digits.length > 0)
    .map((digits) => new RegExp(`(?<!\\d)\\+?${[...digits].join('[\\s\\-.()]*')}(?!\\d)`, 'gu'));
}
