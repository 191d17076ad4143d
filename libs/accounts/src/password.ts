import argon2 from 'argon2';
import { ruleMessage, type RuleMessage } from '@ocop/core';

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;

/** The rules of a new password, each with its API words and the page words' key. */
export const PASSWORD_RULES = {
  tooShort: ruleMessage('form.passwordTooShort', `must be at least ${PASSWORD_MIN} characters long`, { min: PASSWORD_MIN }),
  tooLong: ruleMessage('form.passwordTooLong', `must be at most ${PASSWORD_MAX} characters long`, { max: PASSWORD_MAX }),
  lettersAndDigits: ruleMessage('form.passwordLettersDigits', 'must contain letters and digits'),
  emailName: ruleMessage('form.passwordEmailName', 'must not contain your e-mail name'),
  tooEasy: ruleMessage('form.passwordTooEasy', 'is too easy to guess'),
} as const;

/** The rule a password breaks, or null when it is acceptable. Pure. */
export function passwordRule(password: string, email = ''): RuleMessage | null {
  if (password.length < PASSWORD_MIN) return PASSWORD_RULES.tooShort;
  if (password.length > PASSWORD_MAX) return PASSWORD_RULES.tooLong;
  if (!/[A-Za-zÀ-ỹ]/.test(password) || !/\d/.test(password)) return PASSWORD_RULES.lettersAndDigits;
  const local = email.split('@')[0]?.toLowerCase();
  if (local && local.length >= 4 && password.toLowerCase().includes(local)) return PASSWORD_RULES.emailName;
  if (/^(.)\1+$/.test(password) || /^(?:1234567890|0123456789|password\d*)$/i.test(password)) return PASSWORD_RULES.tooEasy;
  return null;
}

/** Why a password is refused, in the API's words, or null when it is acceptable. Pure. */
export function passwordProblem(password: string, email = ''): string | null {
  return passwordRule(password, email)?.text ?? null;
}

/**
 * Argon2id at OWASP's recommended minimum (19 MiB, 2 passes, 1 lane): about a tenth of the
 * library's default cost on these 2-core machines, so logins stay fast under load while each
 * guess still costs an attacker 19 MiB of memory. Existing hashes keep their own parameters.
 */
const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, ARGON2_OPTIONS);
}

/** Constant-time verification; false (never a throw) for a malformed hash. */
export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}
