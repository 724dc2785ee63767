import { type IncomingMessage } from 'node:http';
import { type ApiResponse } from '../http';
import { type JwtSigner } from '../keys';
import { checkEmail, checkPassword, GoTrueError } from './errors';
import { type AuthSettings } from './settings';
import { type AuthStore, type UserChanges } from './store';
import { asObject, bearerClaims, hashPassword, type JsonObject, mergeMetadata, userJson } from './users';

/** GoTrue's admin user routes under /auth/v1/admin/users, for the service role only. */
export class AdminUsersApi {
  constructor(
    private readonly store: AuthStore,
    private readonly signer: JwtSigner,
    private readonly settings: AuthSettings,
  ) {}

  /** Answers an admin route, or null when `path` is not one. */
  route(request: IncomingMessage, url: URL, path: string, body: JsonObject): Promise<ApiResponse> | null {
    const method = request.method ?? 'GET';
    const userPath = /^\/admin\/users\/([^/]+)$/.exec(path);
    const id = userPath ? decodeURIComponent(userPath[1] as string) : null;
    if (path === '/admin/users' && method === 'POST') return this.createUser(request, body);
    if (path === '/admin/users' && method === 'GET') return this.listUsers(request, url);
    if (id !== null && method === 'GET') return this.getUser(request, id);
    if (id !== null && method === 'PUT') return this.updateUser(request, id, body);
    if (id !== null && method === 'DELETE') return this.deleteUser(request, id);
    return null;
  }

  /** Admin routes need a service_role JWT, as GoTrue checks the `role` claim. */
  private async requireAdmin(request: IncomingMessage): Promise<void> {
    const claims = await bearerClaims(request, this.signer);
    if (claims.role !== 'service_role') throw new GoTrueError(403, 'not_admin', 'User not allowed');
  }

  private async createUser(request: IncomingMessage, body: JsonObject): Promise<ApiResponse> {
    await this.requireAdmin(request);
    const email = checkEmail(body.email);
    const password = body.password === undefined ? null : checkPassword(body.password, this.settings);
    const user = await this.store.createUser({
      email,
      passwordHash: password === null ? null : await hashPassword(password, this.settings.passwordHashCost),
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

  private async getUser(request: IncomingMessage, id: string): Promise<ApiResponse> {
    await this.requireAdmin(request);
    const user = await this.store.findById(id);
    if (!user) throw new GoTrueError(404, 'user_not_found', 'User not found');
    return { status: 200, body: userJson(user) };
  }

  /** GoTrue's pagination: `page` from 1, `per_page` (default 50), total in X-Total-Count, Link rel next/last. */
  private async listUsers(request: IncomingMessage, url: URL): Promise<ApiResponse> {
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

  private async updateUser(request: IncomingMessage, id: string, body: JsonObject): Promise<ApiResponse> {
    await this.requireAdmin(request);
    const user = await this.store.findById(id);
    if (!user) throw new GoTrueError(404, 'user_not_found', 'User not found');
    const changes: UserChanges = { confirm: body.email_confirm === true };
    if (body.email !== undefined) changes.email = checkEmail(body.email);
    if (body.password !== undefined)
      changes.passwordHash = await hashPassword(
        checkPassword(body.password, this.settings),
        this.settings.passwordHashCost,
      );
    if (body.user_metadata !== undefined)
      changes.userMetadata = mergeMetadata(user.raw_user_meta_data ?? {}, asObject(body.user_metadata));
    if (body.app_metadata !== undefined)
      changes.appMetadata = mergeMetadata(user.raw_app_meta_data ?? {}, asObject(body.app_metadata));
    return { status: 200, body: userJson(await this.store.updateUser(id, changes)) };
  }

  private async deleteUser(request: IncomingMessage, id: string): Promise<ApiResponse> {
    await this.requireAdmin(request);
    if (!(await this.store.deleteUser(id))) throw new GoTrueError(404, 'user_not_found', 'User not found');
    return { status: 200, body: {} };
  }
}
