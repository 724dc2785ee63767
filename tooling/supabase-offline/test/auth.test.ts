import { decodeJwt, decodeProtectedHeader, SignJWT } from 'jose';
import { describe, expect, inject, it } from 'vitest';
import { anonClient, apiUrl, serviceClient, uniqueEmail } from './clients';

const password = 'correct horse';

async function signUp(email = uniqueEmail(), data: Record<string, unknown> = {}) {
  const client = anonClient();
  const result = await client.auth.signUp({ email, password, options: { data } });
  if (result.error || !result.data.session || !result.data.user)
    throw result.error ?? new Error('no session');
  return { client, email, session: result.data.session, user: result.data.user };
}

describe('GoTrue sign-up', () => {
  it('signs up with email and password, confirmed, returning a session and the metadata', async () => {
    const email = uniqueEmail();
    const { session, user } = await signUp(email, { name: 'Grace' });
    expect(user).toMatchObject({
      email,
      aud: 'authenticated',
      role: 'authenticated',
      user_metadata: { name: 'Grace' },
    });
    expect(user.email_confirmed_at).toEqual(expect.any(String));
    expect(session).toMatchObject({
      token_type: 'bearer',
      expires_in: 3600,
      refresh_token: expect.any(String),
    });
  });

  it('issues ES256 access tokens with sub, role, email, aud, exp and session_id', async () => {
    const { session, user, email } = await signUp();
    expect(decodeProtectedHeader(session.access_token)).toMatchObject({
      alg: 'ES256',
      kid: expect.any(String),
    });
    const claims = decodeJwt(session.access_token);
    expect(claims).toMatchObject({
      sub: user.id,
      role: 'authenticated',
      email,
      aud: 'authenticated',
      session_id: expect.any(String),
    });
    expect(claims.exp).toBe(session.expires_at);
  });

  it('stores a bcrypt hash in auth.users', async () => {
    const { user } = await signUp();
    const pg = await import('pg');
    const client = new pg.default.Client({ connectionString: inject('databaseUrl') });
    await client.connect();
    const { rows } = await client.query<{ encrypted_password: string }>(
      'select encrypted_password from auth.users where id = $1',
      [user.id],
    );
    await client.end();
    expect(rows[0]?.encrypted_password).toMatch(/^\$2[aby]\$10\$/);
  });

  it('lowercases the email', async () => {
    const email = uniqueEmail();
    const { user } = await signUp(email.toUpperCase());
    expect(user.email).toBe(email);
  });

  it('a second sign-up with the same email is 422 user_already_exists', async () => {
    const { email } = await signUp();
    const { error } = await anonClient().auth.signUp({ email, password });
    expect(error).toMatchObject({ status: 422, code: 'user_already_exists' });
  });

  it('concurrent sign-ups with one email: exactly one succeeds', async () => {
    const email = uniqueEmail();
    const results = await Promise.all([1, 2, 3].map(() => anonClient().auth.signUp({ email, password })));
    expect(results.filter((result) => result.error === null)).toHaveLength(1);
    expect(results.filter((result) => result.error?.code === 'user_already_exists')).toHaveLength(2);
  });

  it("a password shorter than config.toml's minimum_password_length is 422 weak_password", async () => {
    const weak = await anonClient().auth.signUp({ email: uniqueEmail(), password: '1234567' });
    expect(weak.error).toMatchObject({
      status: 422,
      code: 'weak_password',
      message: 'Password should be at least 8 characters.',
      reasons: ['length'],
    });
    expect((await anonClient().auth.signUp({ email: uniqueEmail(), password: '12345678' })).error).toBeNull();
    // GoTrue counts bytes: four two-byte characters are long enough.
    expect((await anonClient().auth.signUp({ email: uniqueEmail(), password: 'éééé' })).error).toBeNull();
  });

  it('an empty password is 400, one over 72 bytes 400, a bad email 400: validation_failed', async () => {
    const empty = await anonClient().auth.signUp({ email: uniqueEmail(), password: '' });
    expect(empty.error).toMatchObject({ status: 400, code: 'validation_failed' });
    const long = await anonClient().auth.signUp({ email: uniqueEmail(), password: 'x'.repeat(73) });
    expect(long.error).toMatchObject({
      status: 400,
      code: 'validation_failed',
      message: 'Password cannot be longer than 72 characters',
    });
    const badEmail = await anonClient().auth.signUp({ email: 'not-an-email', password });
    expect(badEmail.error).toMatchObject({ status: 400, code: 'validation_failed' });
  });
});

describe('GoTrue sessions', () => {
  it('signs in with the password', async () => {
    const { email, user } = await signUp();
    const { data, error } = await anonClient().auth.signInWithPassword({ email, password });
    expect(error).toBeNull();
    expect(data.user?.id).toBe(user.id);
    expect(data.user?.last_sign_in_at).toEqual(expect.any(String));
  });

  it('a wrong password or unknown email is 400 invalid_credentials', async () => {
    const { email } = await signUp();
    const wrong = await anonClient().auth.signInWithPassword({ email, password: 'wrong horse' });
    expect(wrong.error).toMatchObject({
      status: 400,
      code: 'invalid_credentials',
      message: 'Invalid login credentials',
    });
    const unknown = await anonClient().auth.signInWithPassword({ email: uniqueEmail(), password });
    expect(unknown.error).toMatchObject({ status: 400, code: 'invalid_credentials' });
  });

  it('refreshes a session, rotating the refresh token', async () => {
    const { client, session } = await signUp();
    const { data, error } = await client.auth.refreshSession();
    expect(error).toBeNull();
    expect(data.session?.refresh_token).not.toBe(session.refresh_token);
    expect(decodeJwt(data.session?.access_token ?? '').session_id).toBe(
      decodeJwt(session.access_token).session_id,
    );
    const reused = await anonClient().auth.refreshSession({ refresh_token: session.refresh_token });
    expect(reused.error).toMatchObject({ status: 400, code: 'refresh_token_already_used' });
  });

  it('an unknown refresh token is 400 refresh_token_not_found', async () => {
    const { error } = await anonClient().auth.refreshSession({ refresh_token: 'nope' });
    expect(error).toMatchObject({ status: 400, code: 'refresh_token_not_found' });
  });

  it('getUser reads the user of the access token', async () => {
    const { client, user } = await signUp(uniqueEmail(), { name: 'Linus' });
    const { data, error } = await client.auth.getUser();
    expect(error).toBeNull();
    expect(data.user).toMatchObject({ id: user.id, user_metadata: { name: 'Linus' } });
  });

  it('getUser with a forged or expired token is 403 bad_jwt', async () => {
    const { user } = await signUp();
    const now = Math.floor(Date.now() / 1000);
    const forged = await new SignJWT({ sub: user.id, role: 'authenticated' })
      .setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime(now + 60)
      .sign(new TextEncoder().encode('another-secret-another-secret-00'));
    expect((await anonClient().auth.getUser(forged)).error).toMatchObject({ status: 403, code: 'bad_jwt' });
    const expired = await new SignJWT({ sub: user.id, role: 'authenticated' })
      .setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime(now - 60)
      .sign(new TextEncoder().encode(inject('jwtSecret')));
    expect((await anonClient().auth.getUser(expired)).error).toMatchObject({ status: 403, code: 'bad_jwt' });
  });

  it('updateUser merges metadata and changes the password', async () => {
    const { client, email } = await signUp(uniqueEmail(), { name: 'Old', theme: 'dark' });
    const updated = await client.auth.updateUser({ data: { name: 'New' }, password: 'battery staple' });
    expect(updated.error).toBeNull();
    expect(updated.data.user?.user_metadata).toEqual({ name: 'New', theme: 'dark' });
    expect((await anonClient().auth.signInWithPassword({ email, password })).error).toMatchObject({
      code: 'invalid_credentials',
    });
    expect(
      (await anonClient().auth.signInWithPassword({ email, password: 'battery staple' })).error,
    ).toBeNull();
  });

  it('updateUser to an email another user has is 422 email_exists', async () => {
    const { email: taken } = await signUp();
    const { client } = await signUp();
    expect((await client.auth.updateUser({ email: taken })).error).toMatchObject({
      status: 422,
      code: 'email_exists',
    });
  });

  it('signOut ends the session: its token and refresh token stop working', async () => {
    const { client, session } = await signUp();
    expect((await client.auth.signOut()).error).toBeNull();
    // GoTrue answers 403 session_not_found, which auth-js surfaces as AuthSessionMissingError.
    expect((await anonClient().auth.getUser(session.access_token)).error?.name).toBe(
      'AuthSessionMissingError',
    );
    const raw = await fetch(`${apiUrl()}/auth/v1/user`, {
      headers: {
        apikey: inject('anonKey'),
        Authorization: `Bearer ${session.access_token}`,
        'X-Supabase-Api-Version': '2024-01-01',
      },
    });
    expect(raw.status).toBe(403);
    expect(await raw.json()).toMatchObject({ code: 'session_not_found' });
    expect(
      (await anonClient().auth.refreshSession({ refresh_token: session.refresh_token })).error,
    ).toMatchObject({ status: 400 });
  });

  it('answers errors in the 2024-01-01 API version shape when asked, legacy otherwise', async () => {
    const body = JSON.stringify({ email: uniqueEmail(), password: 'x' });
    const modern = await fetch(`${apiUrl()}/auth/v1/token?grant_type=password`, {
      method: 'POST',
      headers: {
        apikey: inject('anonKey'),
        'Content-Type': 'application/json',
        'X-Supabase-Api-Version': '2024-01-01',
      },
      body,
    });
    expect(modern.headers.get('x-supabase-api-version')).toBe('2024-01-01');
    expect(await modern.json()).toEqual({ code: 'invalid_credentials', msg: 'Invalid login credentials' });
    const legacy = await fetch(`${apiUrl()}/auth/v1/token?grant_type=password`, {
      method: 'POST',
      headers: { apikey: inject('anonKey'), 'Content-Type': 'application/json' },
      body,
    });
    expect(await legacy.json()).toEqual({
      code: 400,
      error_code: 'invalid_credentials',
      msg: 'Invalid login credentials',
    });
  });
});

describe('GoTrue admin', () => {
  it('the API keys are JWTs for the anon and service_role roles', () => {
    expect(decodeJwt(inject('anonKey')).role).toBe('anon');
    expect(decodeJwt(inject('serviceRoleKey')).role).toBe('service_role');
  });

  it('creates a confirmed user with the service role key', async () => {
    const email = uniqueEmail();
    const { data, error } = await serviceClient().auth.admin.createUser({
      email,
      password,
      email_confirm: true,
      user_metadata: { name: 'Made' },
    });
    expect(error).toBeNull();
    expect(data.user).toMatchObject({ email, user_metadata: { name: 'Made' } });
    expect(data.user?.email_confirmed_at).toEqual(expect.any(String));
    expect((await anonClient().auth.signInWithPassword({ email, password })).error).toBeNull();
  });

  it('refuses admin calls made with the anon key: 403 not_admin', async () => {
    const { error } = await anonClient().auth.admin.createUser({ email: uniqueEmail(), password });
    expect(error).toMatchObject({ status: 403, code: 'not_admin' });
  });

  it('creating an existing email is 422 email_exists', async () => {
    const { email } = await signUp();
    const { error } = await serviceClient().auth.admin.createUser({ email, password });
    expect(error).toMatchObject({ status: 422, code: 'email_exists' });
  });

  it('gets and deletes a user; afterwards the user cannot sign in', async () => {
    const { email, user } = await signUp();
    expect((await serviceClient().auth.admin.getUserById(user.id)).data.user?.email).toBe(email);
    expect((await serviceClient().auth.admin.deleteUser(user.id)).error).toBeNull();
    expect((await serviceClient().auth.admin.getUserById(user.id)).error).toMatchObject({
      status: 404,
      code: 'user_not_found',
    });
    expect((await anonClient().auth.signInWithPassword({ email, password })).error).toMatchObject({
      code: 'invalid_credentials',
    });
  });

  it('updates a user by id: metadata merged, password replaced', async () => {
    const { email, user } = await signUp(uniqueEmail(), { name: 'Before', plan: 'free' });
    const { data, error } = await serviceClient().auth.admin.updateUserById(user.id, {
      password: 'new password',
      user_metadata: { name: 'After' },
      app_metadata: { tier: 'gold' },
    });
    expect(error).toBeNull();
    expect(data.user?.user_metadata).toEqual({ name: 'After', plan: 'free' });
    expect(data.user?.app_metadata).toMatchObject({ provider: 'email', tier: 'gold' });
    expect(
      (await anonClient().auth.signInWithPassword({ email, password: 'new password' })).error,
    ).toBeNull();
  });

  it('lists users page by page with the total', async () => {
    await Promise.all([signUp(), signUp()]);
    const { data, error } = await serviceClient().auth.admin.listUsers({ page: 1, perPage: 1 });
    expect(error).toBeNull();
    expect(data.users).toHaveLength(1);
    expect(data).toMatchObject({ aud: 'authenticated', nextPage: 2 });
    expect('total' in data && data.total).toBeGreaterThanOrEqual(2);
  });

  it('deleting an unknown user is 404 user_not_found', async () => {
    const { error } = await serviceClient().auth.admin.deleteUser('00000000-0000-4000-8000-000000000000');
    expect(error).toMatchObject({ status: 404, code: 'user_not_found' });
  });
});
