import { hashPassword, passwordProblem, verifyPassword } from './password';

describe('passwordProblem', () => {
  it('refuses short, letter-only, digit-only and e-mail-based passwords', () => {
    expect(passwordProblem('abc123')).toMatch(/at least 10/);
    expect(passwordProblem('onlyletterspassword')).toMatch(/letters and digits/);
    expect(passwordProblem('12345678901')).toMatch(/letters and digits/);
    expect(passwordProblem('lanhuong2024x', 'lanhuong@example.vn')).toMatch(/e-mail/);
  });

  it('accepts a long mixed password, Vietnamese letters included', () => {
    expect(passwordProblem('Gốm-Bát-Tràng-2025')).toBeNull();
  });
});

describe('argon2id hashing', () => {
  it('verifies the right password and rejects a wrong one', async () => {
    const hash = await hashPassword('Lụa-Vạn-Phúc-99');
    expect(hash).toMatch(/^\$argon2id\$/);
    await expect(verifyPassword(hash, 'Lụa-Vạn-Phúc-99')).resolves.toBe(true);
    await expect(verifyPassword(hash, 'Lụa-Vạn-Phúc-98')).resolves.toBe(false);
    await expect(verifyPassword('not-a-hash', 'x')).resolves.toBe(false);
  });
});
