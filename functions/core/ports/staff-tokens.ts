/** What a verified staff sign-in token says about its holder. */
export interface VerifiedStaffToken {
  /** The user pool's stable user id (`sub`). */
  readonly subject: string;
  /** The sign-in name (an e-mail address in the staff pool). */
  readonly username: string;
  /** `cognito:groups`: the roles come from these. */
  readonly groups: readonly string[];
  /** Seconds since the epoch. */
  readonly expiresAt: number;
}

/** Verifies a staff id token's signature, issuer, audience, use and expiry. */
export interface StaffTokenVerifier {
  /** Throws InvalidStaffTokenError for anything but a valid, current id token of the staff pool. */
  verify(token: string): Promise<VerifiedStaffToken>;
}

export class InvalidStaffTokenError extends Error {
  override readonly name = 'InvalidStaffTokenError';
}
