import { type IncomingMessage } from 'node:http';
import { type ApiResponse, InvalidJsonError, readJsonBody } from '../http';
import { type Claims, type JwtSigner } from '../keys';
import { AdminUsersApi } from './admin';
import { checkEmail, checkPassword, GoTrueError, invalidCredentials } from './errors';
import { type AuthSettings, defaultAuthSettings } from './settings';
import { type AuthStore, type UserChanges, type UserRow } from './store';
import {
  asObject,
  bearerClaims,
  hashPassword,
  type JsonObject,
  mergeMetadata,
  passwordMatches,
  userJson,
} from './users';

const apiVersionHeader = 'x-supabase-api-version';

/** The GoTrue subset under /auth/v1: email + password sign-up and sign-in, sessions, user, admin users. */
export class AuthApi {
  private readonly admin: AdminUsersApi;

  constructor(
    private readonly store: AuthStore,
    private readonly signer: JwtSigner,
    private readonly issuer: string,
    private readonly settings: AuthSettings = defaultAuthSettings,
  ) {
    this.admin = new AdminUsersApi(store, signer, settings);
  }

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
    if (method === 'POST' && path === '/signup') return this.signUp(body);
    if (method === 'POST' && path === '/token') return this.token(url.searchParams.get('grant_type'), body);
    if (method === 'GET' && path === '/user') return this.getUser(request);
    if (method === 'PUT' && path === '/user') return this.updateUser(request, body);
    if (method === 'POST' && path === '/logout') return this.logout(request, url.searchParams.get('scope'));
    if (method === 'GET' && path === '/.well-known/jwks.json') {
      // The public signing keys, for getClaims() to verify asymmetric tokens locally.
      return Promise.resolve({
        status: 200,
        headers: { 'Cache-Control': 'public, max-age=600' },
        body: this.signer.jwks(),
      });
    }
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
          disable_signup: !this.settings.enableSignup,
          mailer_autoconfirm: true,
          phone_autoconfirm: false,
        },
      });
    }
    const admin = this.admin.route(request, url, path, body);
    if (admin) return admin;
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
      this.settings.jwtExpiry,
    );
    return {
      access_token: accessToken,
      token_type: 'bearer',
      expires_in: this.settings.jwtExpiry,
      expires_at: now + this.settings.jwtExpiry,
      refresh_token: refreshToken,
      user: userJson(user),
    };
  }

  private async signUp(body: JsonObject): Promise<ApiResponse> {
    if (!this.settings.enableSignup)
      throw new GoTrueError(422, 'signup_disabled', 'Signups not allowed for this instance');
    const email = checkEmail(body.email);
    const password = checkPassword(body.password, this.settings);
    const user = await this.store.createUser({
      email,
      passwordHash: await hashPassword(password, this.settings.passwordHashCost),
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
      if (!user || !(await passwordMatches(password, user.encrypted_password))) throw invalidCredentials();
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
    const claims = await bearerClaims(request, this.signer);
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
      const password = checkPassword(body.password, this.settings);
      if (await passwordMatches(password, user.encrypted_password)) {
        throw new GoTrueError(
          422,
          'same_password',
          'New password should be different from the old password.',
        );
      }
      changes.passwordHash = await hashPassword(password, this.settings.passwordHashCost);
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
}
