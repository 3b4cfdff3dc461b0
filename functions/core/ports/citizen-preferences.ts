/**
 * What a citizen asked of the SMS channel, by keyword: opted out (STOP, 수신거부, ...) or back in
 * (START, 수신동의, ...). Kept per citizen, keyed by the keyed hash of the normalised handle (never
 * the number), so the reply and notice senders can look it up before they send.
 */
export interface SmsPreference {
  optedOut: boolean;
  /** When the citizen sent the keyword that set this state (the message's receive time). */
  changedAt: string;
  /** The keyword as the provider or the gateway recognised it (STOP, 수신거부, ...). */
  keyword: string;
  /** Who acted on it first: the provider (its own opt-out list) or only the gateway. */
  handledBy: 'provider' | 'gateway';
  /** The message id of the keyword message, for the audit trail. */
  messageId: string;
}

export interface CitizenPreferences {
  /** The citizen's SMS preference; null when they never sent an opt-out or opt-in keyword. */
  getSmsPreference(citizenHash: string): Promise<SmsPreference | null>;
  /**
   * Records a change, conditional on it being later than the recorded one (by changedAt, then
   * messageId), so an out-of-order or repeated delivery never undoes a later keyword. Returns
   * whether it took effect.
   */
  recordSmsPreference(citizenHash: string, preference: SmsPreference): Promise<boolean>;
  /**
   * Takes the answer to a HELP message, once per message: true for the first caller only, so
   * repeated and concurrent deliveries of one HELP message answer it once.
   */
  claimHelpAnswer(citizenHash: string, messageId: string, at: string): Promise<boolean>;
}
