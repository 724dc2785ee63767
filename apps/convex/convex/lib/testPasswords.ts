/**
 * Convex Auth's `crypto` hook at a test cost, for convex-test only (NODE_ENV=test, which vitest
 * sets and no deployment does): suites sign up hundreds of accounts, and lucia's Scrypt
 * (N=16384, r=16) in plain JavaScript would dominate them. One salted PBKDF2 round through the
 * runtime's Web Crypto: verifiable, and nearly free.
 */
export const testPasswordHashing = {
  async hashSecret(secret: string): Promise<string> {
    const salt = toHex(crypto.getRandomValues(new Uint8Array(16)));
    return `test:${salt}:${await derive(secret, salt)}`;
  },
  async verifySecret(secret: string, hash: string): Promise<boolean> {
    const [scheme, salt, key] = hash.split(':');
    return scheme === 'test' && salt !== undefined && key === (await derive(secret, salt));
  },
};

async function derive(secret: string, salt: string): Promise<string> {
  const encoder = new TextEncoder();
  const material = await crypto.subtle.importKey(
    'raw',
    encoder.encode(secret.normalize('NFKC')),
    'PBKDF2',
    false,
    ['deriveBits'],
  );
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: encoder.encode(salt), iterations: 1 },
    material,
    256,
  );
  return toHex(new Uint8Array(bits));
}

const toHex = (bytes: Uint8Array): string =>
  Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
