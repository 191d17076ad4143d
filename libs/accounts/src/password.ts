import argon2 from 'argon2';

/** Why a password is refused, or null when it is acceptable. Pure. */
export function passwordProblem(password: string, email = ''): string | null {
  if (password.length < 10) return 'must be at least 10 characters long';
  if (password.length > 200) return 'must be at most 200 characters long';
  if (!/[A-Za-zÀ-ỹ]/.test(password) || !/\d/.test(password)) return 'must contain letters and digits';
  const local = email.split('@')[0]?.toLowerCase();
  if (local && local.length >= 4 && password.toLowerCase().includes(local)) return 'must not contain your e-mail name';
  if (/^(.)\1+$/.test(password) || /^(?:1234567890|0123456789|password\d*)$/i.test(password)) return 'is too easy to guess';
  return null;
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
