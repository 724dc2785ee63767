import { randomBytes } from 'node:crypto';
import { type Pool, type PoolClient } from 'pg';
import { withPooledClient } from '../pooled';
import { GoTrueError } from './errors';

export interface UserRow {
  id: string;
  aud: string | null;
  role: string | null;
  email: string | null;
  encrypted_password: string | null;
  email_confirmed_at: Date | null;
  last_sign_in_at: Date | null;
  raw_app_meta_data: Record<string, unknown> | null;
  raw_user_meta_data: Record<string, unknown> | null;
  created_at: Date;
  updated_at: Date;
}

export interface NewUser {
  email: string;
  passwordHash: string | null;
  userMetadata: Record<string, unknown>;
  appMetadata: Record<string, unknown>;
  confirmed: boolean;
}

export interface UserChanges {
  email?: string;
  passwordHash?: string;
  userMetadata?: Record<string, unknown>;
  appMetadata?: Record<string, unknown>;
  confirm?: boolean;
}

const userColumns = `id, aud, role, email, encrypted_password, email_confirmed_at, last_sign_in_at,
  raw_app_meta_data, raw_user_meta_data, created_at, updated_at`;

const isUuid = (value: string): boolean =>
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);

/** auth.users and GoTrue's session bookkeeping, written through GoTrue's own privileged connection. */
export class AuthStore {
  constructor(private readonly pool: Pool) {}

  private async transaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    return withPooledClient(this.pool, async (client, discard) => {
      try {
        await client.query('BEGIN');
        const result = await work(client);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        // A failed ROLLBACK (the connection is gone) must not hide the error that caused it.
        await client.query('ROLLBACK').catch(discard);
        throw error;
      }
    });
  }

  async findByEmail(email: string): Promise<UserRow | null> {
    const result = await this.pool.query<UserRow>(
      `select ${userColumns} from auth.users where lower(email) = $1`,
      [email],
    );
    return result.rows[0] ?? null;
  }

  async findById(id: string): Promise<UserRow | null> {
    if (!isUuid(id)) return null;
    const result = await this.pool.query<UserRow>(`select ${userColumns} from auth.users where id = $1`, [
      id,
    ]);
    return result.rows[0] ?? null;
  }

  /** auth.users has no unique email index by contract, so sign-ups of one email are serialized by an advisory lock. */
  private lockEmail(client: PoolClient, email: string): Promise<unknown> {
    return client.query(`select pg_advisory_xact_lock(hashtext('auth.users.email:' || $1))`, [email]);
  }

  createUser(user: NewUser): Promise<UserRow | null> {
    return this.transaction(async (client) => {
      await this.lockEmail(client, user.email);
      const existing = await client.query(`select 1 from auth.users where lower(email) = $1`, [user.email]);
      if (existing.rowCount) return null;
      const result = await client.query<UserRow>(
        `insert into auth.users (aud, role, email, encrypted_password, email_confirmed_at, raw_app_meta_data, raw_user_meta_data)
         values ('authenticated', 'authenticated', $1, $2, case when $3 then now() end, $4, $5)
         returning ${userColumns}`,
        [user.email, user.passwordHash, user.confirmed, user.appMetadata, user.userMetadata],
      );
      return result.rows[0] as UserRow;
    });
  }

  async listUsers(offset: number, limit: number): Promise<{ users: UserRow[]; total: number }> {
    const [page, count] = await Promise.all([
      this.pool.query<UserRow>(
        `select ${userColumns} from auth.users order by created_at, id offset $1 limit $2`,
        [offset, limit],
      ),
      this.pool.query<{ total: string }>(`select count(*) as total from auth.users`),
    ]);
    return { users: page.rows, total: Number(count.rows[0]?.total ?? 0) };
  }

  updateUser(id: string, changes: UserChanges): Promise<UserRow> {
    return this.transaction(async (client) => {
      if (changes.email !== undefined) {
        await this.lockEmail(client, changes.email);
        const taken = await client.query(`select 1 from auth.users where lower(email) = $1 and id <> $2`, [
          changes.email,
          id,
        ]);
        if (taken.rowCount)
          throw new GoTrueError(
            422,
            'email_exists',
            'A user with this email address has already been registered',
          );
      }
      const result = await client.query<UserRow>(
        `update auth.users set email = coalesce($2, email), encrypted_password = coalesce($3, encrypted_password),
           raw_user_meta_data = coalesce($4, raw_user_meta_data), raw_app_meta_data = coalesce($5, raw_app_meta_data),
           email_confirmed_at = case when $6 then coalesce(email_confirmed_at, now()) else email_confirmed_at end,
           updated_at = now()
         where id = $1 returning ${userColumns}`,
        [
          id,
          changes.email ?? null,
          changes.passwordHash ?? null,
          changes.userMetadata ?? null,
          changes.appMetadata ?? null,
          changes.confirm === true,
        ],
      );
      const user = result.rows[0];
      if (!user) throw new GoTrueError(404, 'user_not_found', 'User not found');
      return user;
    });
  }

  async deleteUser(id: string): Promise<boolean> {
    if (!isUuid(id)) return false;
    return this.transaction(async (client) => {
      await client.query(`delete from auth.sessions where user_id = $1`, [id]);
      const result = await client.query(`delete from auth.users where id = $1`, [id]);
      return (result.rowCount ?? 0) > 0;
    });
  }

  async recordSignIn(id: string): Promise<UserRow> {
    const result = await this.pool.query<UserRow>(
      `update auth.users set last_sign_in_at = now() where id = $1 returning ${userColumns}`,
      [id],
    );
    return result.rows[0] as UserRow;
  }

  /** A new session with its first refresh token. */
  createSession(userId: string): Promise<{ sessionId: string; refreshToken: string }> {
    return this.transaction(async (client) => {
      const session = await client.query<{ id: string }>(
        `insert into auth.sessions (user_id) values ($1) returning id`,
        [userId],
      );
      const sessionId = (session.rows[0] as { id: string }).id;
      const refreshToken = randomBytes(24).toString('base64url');
      await client.query(`insert into auth.refresh_tokens (token, user_id, session_id) values ($1, $2, $3)`, [
        refreshToken,
        userId,
        sessionId,
      ]);
      return { sessionId, refreshToken };
    });
  }

  /** Exchanges a refresh token for the next one of its session; a used token is refused (rotation). */
  rotateRefreshToken(token: string): Promise<{ userId: string; sessionId: string; refreshToken: string }> {
    return this.transaction(async (client) => {
      const found = await client.query<{ user_id: string; session_id: string; revoked: boolean }>(
        `select user_id, session_id, revoked from auth.refresh_tokens where token = $1 for update`,
        [token],
      );
      const current = found.rows[0];
      if (!current)
        throw new GoTrueError(
          400,
          'refresh_token_not_found',
          'Invalid Refresh Token: Refresh Token Not Found',
        );
      if (current.revoked)
        throw new GoTrueError(400, 'refresh_token_already_used', 'Invalid Refresh Token: Already Used');
      await client.query(
        `update auth.refresh_tokens set revoked = true, updated_at = now() where token = $1`,
        [token],
      );
      const refreshToken = randomBytes(24).toString('base64url');
      await client.query(
        `insert into auth.refresh_tokens (token, user_id, session_id, parent) values ($1, $2, $3, $4)`,
        [refreshToken, current.user_id, current.session_id, token],
      );
      await client.query(`update auth.sessions set updated_at = now() where id = $1`, [current.session_id]);
      return { userId: current.user_id, sessionId: current.session_id, refreshToken };
    });
  }

  async sessionExists(sessionId: string): Promise<boolean> {
    if (!isUuid(sessionId)) return false;
    const result = await this.pool.query(`select 1 from auth.sessions where id = $1`, [sessionId]);
    return (result.rowCount ?? 0) > 0;
  }

  /** Ends sessions: `local` this one, `others` all but this one, `global` all of the user's. */
  async endSessions(userId: string, sessionId: string, scope: 'global' | 'local' | 'others'): Promise<void> {
    if (scope === 'global') {
      await this.pool.query(`delete from auth.sessions where user_id = $1`, [userId]);
      return;
    }
    const operator = scope === 'local' ? '=' : '<>';
    await this.pool.query(`delete from auth.sessions where user_id = $1 and id ${operator} $2`, [
      userId,
      sessionId,
    ]);
  }
}
