import bcrypt from 'bcryptjs';
import { type IncomingMessage } from 'node:http';
import { type ApiResponse, bearerToken, InvalidJsonError, readJsonBody } from '../http';
import { type Claims, JwtInvalidError, type JwtSigner } from '../keys';
import { checkEmail, checkPassword, GoTrueError, invalidCredentials } from './errors';
import { type AuthStore, type UserChanges, type UserRow } from './store';

const accessTokenSeconds = 3600;
// GoTrue's bcrypt cost (Go's bcrypt.DefaultCost).
const bcryptCost = 10;
const apiVersionHeader = 'x-supabase-api-version';

type JsonObject = Record<string, unknown>;

const asObject = (value: unknown): JsonObject =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as JsonObject) : {};

/** The user object as GoTrue serializes it. */
export function userJson(user: UserRow): JsonObject {
  return {
    id: user.id,
    aud: user.aud ?? 'authenticated',
    role: user.role ?? 'authenticated',
    email: user.email ?? '',
    email_confirmed_at: user.email_confirmed_at?.toISOString() ?? null,
    phone: '',
    confirmed_at: user.email_confirmed_at?.toISOString() ?? null,
    last_sign_in_at: user.last_sign_in_at?.toISOString() ?? null,
    app_metadata: user.raw_app_meta_data ?? {},
    user_metadata: user.raw_user_meta_data ?? {},
    identities: [],
    created_at: user.created_at.toISOString(),
    updated_at: user.updated_at.toISOString(),
    is_anonymous: false,
  };
}

/** Merges GoTrue-style: given keys replace, `null` removes a key. */
function mergeMetadata(current: JsonObject, patch: JsonObject): JsonObject {
  const merged = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  return merged;
}

/** The GoTrue subset under /auth/v1: email + password sign-up and sign-in, sessions, user, admin users. */
export class AuthApi {
  constructor(
    private readonly store: AuthStore,
    private readonly signer: JwtSigner,
    private readonly issuer: string,
  ) {}

  async handle(request: IncomingMessage, url: URL, path: string): Promise<ApiResponse> {
    const apiVersion2024 = request.headers[apiVersionHeader] === '2024-01-01';
    const versionHeaders: Record<string, string> = apiVersion2024
      ? { 'X-Supabase-Api-Version': '2024-01-01' }
      : {};
    try {
      const body = asObject(
        request.method === 'GET' || request.method === 'DELETE' ? {} : await readJsonBody(request),
      );
      const result = await this.route(request, url, path, body);
      return { ...result, headers: { ...versionHeaders, ...result.headers } };
    } catch (error) {
      const goTrueError =
        error instanceof InvalidJsonError
          ? new GoTrueError(400, 'bad_json', 'Could not parse request body as JSON')
          : error;
      if (!(goTrueError instanceof GoTrueError)) throw error;
      return {
        status: goTrueError.status,
        headers: versionHeaders,
        body: goTrueError.toBody(apiVersion2024),
      };
    }
  }

  private route(request: IncomingMessage, url: URL, path: string, body: JsonObject): Promise<ApiResponse> {
    const method = request.method ?? 'GET';
    const adminUser = /^\/admin\/users\/([^/]+)$/.exec(path);
    if (method === 'POST' && path === '/signup') return this.signUp(body);
    if (method === 'POST' && path === '/token') return this.token(url.searchParams.get('grant_type'), body);
    if (method === 'GET' && path === '/user') return this.getUser(request);
    if (method === 'PUT' && path === '/user') return this.updateUser(request, body);
    if (method === 'POST' && path === '/logout') return this.logout(request, url.searchParams.get('scope'));
    if (method === 'POST' && path === '/admin/users') return this.adminCreateUser(request, body);
    if (method === 'GET' && path === '/admin/users') return this.adminListUsers(request, url);
    if (method === 'GET' && adminUser)
      return this.adminGetUser(request, decodeURIComponent(adminUser[1] as string));
    if (method === 'PUT' && adminUser)
      return this.adminUpdateUser(request, decodeURIComponent(adminUser[1] as string), body);
    if (method === 'DELETE' && adminUser)
      return this.adminDeleteUser(request, decodeURIComponent(adminUser[1] as string));
    if (method === 'GET' && path === '/health')
      return Promise.resolve({
        status: 200,
        body: { name: 'GoTrue', description: 'supabase-offline GoTrue subset' },
      });
    if (method === 'GET' && path === '/settings') {
      return Promise.resolve({
        status: 200,
        body: {
          external: { email: true },
          disable_signup: false,
          mailer_autoconfirm: true,
          phone_autoconfirm: false,
        },
      });
    }
    throw new GoTrueError(404, 'not_found', `${method} ${path} is not part of the offline GoTrue subset`);
  }

  private async session(user: UserRow): Promise<ApiResponse> {
    const signedIn = await this.store.recordSignIn(user.id);
    const { sessionId, refreshToken } = await this.store.createSession(user.id);
    return { status: 200, body: await this.sessionBody(signedIn, sessionId, refreshToken) };
  }

  private async sessionBody(user: UserRow, sessionId: string, refreshToken: string): Promise<JsonObject> {
    const now = Math.floor(Date.now() / 1000);
    const accessToken = await this.signer.sign(
      {
        iss: this.issuer,
        sub: user.id,
        aud: user.aud ?? 'authenticated',
        role: user.role ?? 'authenticated',
        email: user.email ?? '',
        phone: '',
        app_metadata: user.raw_app_meta_data ?? {},
        user_metadata: user.raw_user_meta_data ?? {},
        aal: 'aal1',
        amr: [{ method: 'password', timestamp: now }],
        session_id: sessionId,
        is_anonymous: false,
      },
      accessTokenSeconds,
    );
    return {
      access_token: accessToken,
      token_type: 'bearer',
      expires_in: accessTokenSeconds,
      expires_at: now + accessTokenSeconds,
      refresh_token: refreshToken,
      user: userJson(user),
    };
  }

  private async signUp(body: JsonObject): Promise<ApiResponse> {
    const email = checkEmail(body.email);
    const password = checkPassword(body.password);
    const user = await this.store.createUser({
      email,
      passwordHash: await bcrypt.hash(password, bcryptCost),
      userMetadata: asObject(body.data),
      appMetadata: { provider: 'email', providers: ['email'] },
      confirmed: true,
    });
    if (!user) throw new GoTrueError(422, 'user_already_exists', 'User already registered');
    return this.session(user);
  }

  private async token(grantType: string | null, body: JsonObject): Promise<ApiResponse> {
    if (grantType === 'password') {
      const email = typeof body.email === 'string' ? body.email.trim().toLowerCase() : '';
      const password = typeof body.password === 'string' ? body.password : '';
      const user = email === '' ? null : await this.store.findByEmail(email);
      if (!user?.encrypted_password || !(await bcrypt.compare(password, user.encrypted_password)))
        throw invalidCredentials();
      return this.session(user);
    }
    if (grantType === 'refresh_token') {
      if (typeof body.refresh_token !== 'string' || body.refresh_token === '') {
        throw new GoTrueError(
          400,
          'refresh_token_not_found',
          'Invalid Refresh Token: Refresh Token Not Found',
        );
      }
      const next = await this.store.rotateRefreshToken(body.refresh_token);
      const user = await this.store.findById(next.userId);
      if (!user)
        throw new GoTrueError(
          400,
          'refresh_token_not_found',
          'Invalid Refresh Token: Refresh Token Not Found',
        );
      return { status: 200, body: await this.sessionBody(user, next.sessionId, next.refreshToken) };
    }
    throw new GoTrueError(400, 'validation_failed', 'unsupported_grant_type');
  }

  /** The signed-in user's claims; like GoTrue, a token whose session was ended is refused. */
  private async authenticate(request: IncomingMessage): Promise<{ claims: Claims; user: UserRow }> {
    const token = bearerToken(request);
    if (token === null)
      throw new GoTrueError(401, 'no_authorization', 'This endpoint requires a Bearer token');
    let claims: Claims;
    try {
      claims = await this.signer.verify(token);
    } catch (error) {
      if (!(error instanceof JwtInvalidError)) throw error;
      throw new GoTrueError(
        403,
        'bad_jwt',
        `invalid JWT: unable to parse or verify signature, ${error.message}`,
      );
    }
    if (typeof claims.sub !== 'string')
      throw new GoTrueError(403, 'bad_jwt', 'invalid claim: missing sub claim');
    if (typeof claims.session_id === 'string' && !(await this.store.sessionExists(claims.session_id))) {
      throw new GoTrueError(403, 'session_not_found', 'Session from session_id claim in JWT does not exist');
    }
    const user = await this.store.findById(claims.sub);
    if (!user) throw new GoTrueError(403, 'user_not_found', 'User from sub claim in JWT does not exist');
    return { claims, user };
  }

  private async getUser(request: IncomingMessage): Promise<ApiResponse> {
    const { user } = await this.authenticate(request);
    return { status: 200, body: userJson(user) };
  }

  private async updateUser(request: IncomingMessage, body: JsonObject): Promise<ApiResponse> {
    const { user } = await this.authenticate(request);
    const changes: UserChanges = {};
    if (body.email !== undefined) changes.email = checkEmail(body.email);
    if (body.password !== undefined) {
      const password = checkPassword(body.password);
      if (user.encrypted_password && (await bcrypt.compare(password, user.encrypted_password))) {
        throw new GoTrueError(
          422,
          'same_password',
          'New password should be different from the old password.',
        );
      }
      changes.passwordHash = await bcrypt.hash(password, bcryptCost);
    }
    if (body.data !== undefined)
      changes.userMetadata = mergeMetadata(user.raw_user_meta_data ?? {}, asObject(body.data));
    const updated = await this.store.updateUser(user.id, changes);
    return { status: 200, body: userJson(updated) };
  }

  private async logout(request: IncomingMessage, scope: string | null): Promise<ApiResponse> {
    const { claims, user } = await this.authenticate(request);
    const chosen = scope === 'local' || scope === 'others' ? scope : 'global';
    await this.store.endSessions(
      user.id,
      typeof claims.session_id === 'string' ? claims.session_id : '',
      chosen,
    );
    return { status: 204 };
  }

  /** Admin routes need a service_role JWT, as GoTrue checks the `role` claim. */
  private async requireAdmin(request: IncomingMessage): Promise<void> {
    const token = bearerToken(request);
    if (token === null)
      throw new GoTrueError(401, 'no_authorization', 'This endpoint requires a Bearer token');
    let claims: Claims;
    try {
      claims = await this.signer.verify(token);
    } catch (error) {
      if (!(error instanceof JwtInvalidError)) throw error;
      throw new GoTrueError(
        403,
        'bad_jwt',
        `invalid JWT: unable to parse or verify signature, ${error.message}`,
      );
    }
    if (claims.role !== 'service_role') throw new GoTrueError(403, 'not_admin', 'User not allowed');
  }

  private async adminCreateUser(request: IncomingMessage, body: JsonObject): Promise<ApiResponse> {
    await this.requireAdmin(request);
    const email = checkEmail(body.email);
    const password = body.password === undefined ? null : checkPassword(body.password);
    const user = await this.store.createUser({
      email,
      passwordHash: password === null ? null : await bcrypt.hash(password, bcryptCost),
      userMetadata: asObject(body.user_metadata ?? body.data),
      appMetadata: { provider: 'email', providers: ['email'], ...asObject(body.app_metadata) },
      confirmed: body.email_confirm === true,
    });
    if (!user)
      throw new GoTrueError(
        422,
        'email_exists',
        'A user with this email address has already been registered',
      );
    return { status: 200, body: userJson(user) };
  }

  private async adminGetUser(request: IncomingMessage, id: string): Promise<ApiResponse> {
    await this.requireAdmin(request);
    const user = await this.store.findById(id);
    if (!user) throw new GoTrueError(404, 'user_not_found', 'User not found');
    return { status: 200, body: userJson(user) };
  }

  /** GoTrue's pagination: `page` from 1, `per_page` (default 50), total in X-Total-Count, Link rel next/last. */
  private async adminListUsers(request: IncomingMessage, url: URL): Promise<ApiResponse> {
    await this.requireAdmin(request);
    const page = Math.max(1, Number.parseInt(url.searchParams.get('page') ?? '1', 10) || 1);
    const perPage = Math.min(
      1000,
      Math.max(1, Number.parseInt(url.searchParams.get('per_page') ?? '50', 10) || 50),
    );
    const { users, total } = await this.store.listUsers((page - 1) * perPage, perPage);
    const lastPage = Math.max(1, Math.ceil(total / perPage));
    const link = (target: number, rel: string): string =>
      `</admin/users?page=${target}&per_page=${perPage}>; rel="${rel}"`;
    const links = [...(page < lastPage ? [link(page + 1, 'next')] : []), link(lastPage, 'last')];
    return {
      status: 200,
      headers: { 'X-Total-Count': String(total), Link: links.join(', ') },
      body: { users: users.map(userJson), aud: 'authenticated' },
    };
  }

  private async adminUpdateUser(
    request: IncomingMessage,
    id: string,
    body: JsonObject,
  ): Promise<ApiResponse> {
    await this.requireAdmin(request);
    const user = await this.store.findById(id);
    if (!user) throw new GoTrueError(404, 'user_not_found', 'User not found');
    const changes: UserChanges = { confirm: body.email_confirm === true };
    if (body.email !== undefined) changes.email = checkEmail(body.email);
    if (body.password !== undefined)
      changes.passwordHash = await bcrypt.hash(checkPassword(body.password), bcryptCost);
    if (body.user_metadata !== undefined)
      changes.userMetadata = mergeMetadata(user.raw_user_meta_data ?? {}, asObject(body.user_metadata));
    if (body.app_metadata !== undefined)
      changes.appMetadata = mergeMetadata(user.raw_app_meta_data ?? {}, asObject(body.app_metadata));
    return { status: 200, body: userJson(await this.store.updateUser(id, changes)) };
  }

  private async adminDeleteUser(request: IncomingMessage, id: string): Promise<ApiResponse> {
    await this.requireAdmin(request);
    if (!(await this.store.deleteUser(id))) throw new GoTrueError(404, 'user_not_found', 'User not found');
    return { status: 200, body: {} };
  }
}
