import { readFile } from 'node:fs/promises';
import { parse } from 'smol-toml';

/** The project's auth settings that the offline GoTrue applies, as the Supabase CLI hands them to GoTrue. */
export interface AuthSettings {
  /** `minimum_password_length`; GoTrue counts bytes, as Go's len() does. */
  minimumPasswordLength: number;
  /** `password_requirements` as GoTrue's required character sets: each must occur at least once. */
  requiredCharacters: string[];
  /** `enable_signup`: when false, sign-up is 422 signup_disabled. */
  enableSignup: boolean;
  /** `jwt_expiry`: access token lifetime in seconds. */
  jwtExpiry: number;
  /**
   * bcrypt cost of new password hashes: GoTrue's DefaultCost (10), or bcrypt's minimum (4), which
   * GoTrue's own test suites switch to (`crypto.PasswordHashCost = crypto.QuickHashCost`). Not a
   * config.toml key: the test stacks choose it through `startSupabaseApi`.
   */
  passwordHashCost: number;
}

// GoTrue's defaults, which a config without an [auth] table gets.
export const defaultAuthSettings: AuthSettings = {
  minimumPasswordLength: 6,
  requiredCharacters: [],
  enableSignup: true,
  jwtExpiry: 3600,
  passwordHashCost: 10,
};

const lower = 'abcdefghijklmnopqrstuvwxyz';
const upper = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const digits = '0123456789';
const symbols = '!@#$%^&*()_+-=[]{};\'\\:"|<>?,./`~';

// The Supabase CLI's translation of `password_requirements` into GoTrue's character sets.
const requirements: Record<string, string[]> = {
  '': [],
  letters_digits: [lower + upper, digits],
  lower_upper_letters_digits: [lower, upper, digits],
  lower_upper_letters_digits_symbols: [lower, upper, digits, symbols],
};

/** Reads `[auth]` of a Supabase project's `supabase/config.toml`; missing keys keep GoTrue's defaults. */
export async function readAuthSettings(configPath: string): Promise<AuthSettings> {
  const config = parse(await readFile(configPath, 'utf8'));
  const auth = (config.auth ?? {}) as Record<string, unknown>;
  const number = (key: string, fallback: number): number =>
    typeof auth[key] === 'number' ? auth[key] : fallback;
  const requirement = typeof auth.password_requirements === 'string' ? auth.password_requirements : '';
  const requiredCharacters = requirements[requirement];
  if (requiredCharacters === undefined) {
    throw new Error(`${configPath}: unknown [auth] password_requirements "${requirement}"`);
  }
  return {
    minimumPasswordLength: number('minimum_password_length', defaultAuthSettings.minimumPasswordLength),
    requiredCharacters,
    enableSignup: typeof auth.enable_signup === 'boolean' ? auth.enable_signup : true,
    jwtExpiry: number('jwt_expiry', defaultAuthSettings.jwtExpiry),
    passwordHashCost: defaultAuthSettings.passwordHashCost,
  };
}
