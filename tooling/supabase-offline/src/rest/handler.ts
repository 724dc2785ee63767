import { type IncomingMessage } from 'node:http';
import { type Pool } from 'pg';
import { type ApiResponse, bearerToken, InvalidJsonError, readJsonBody } from '../http';
import { type Claims, JwtInvalidError, type JwtSigner } from '../keys';
import { PostgrestError, toPostgrestError } from './errors';
import { inRequestTransaction, type RequestIdentity } from './executor';
import { type Mutation, mutationStatement, type Statement } from './mutations';
import {
  applyRangeHeader,
  contentRange,
  parsePrefer,
  type Preferences,
  singularError,
  wantsObject,
} from './negotiation';
import { parseQuery, type ParsedQuery } from './query-parser';
import { QueryContext, qualifiedName } from './query-context';
import { readStatement } from './read-query';
import { findFunction, rpcStatement } from './rpc';
import { type Relation, type Schema, type SchemaCache } from './schema-cache';
import { reshape } from './shape';
import { Params } from './sql';

interface ResultRow {
  total: string | null;
  page_total: string;
  body: unknown;
}

const withRequestedKeys = (row: ResultRow, statement: Statement): ResultRow =>
  statement.shape === null ? row : { ...row, body: reshape(row.body, statement.shape) };

/** The PostgREST subset: tables and views under /rest/v1/<name>, functions under /rest/v1/rpc/<name>. */
export class RestApi {
  constructor(
    private readonly pool: Pool,
    private readonly cache: SchemaCache,
    private readonly signer: JwtSigner,
  ) {}

  async handle(request: IncomingMessage, url: URL, path: string): Promise<ApiResponse> {
    // PostgREST answers 42501 with 401 for anonymous callers and 403 for everyone else.
    let authenticated = false;
    try {
      const identity = await this.identify(request, path);
      authenticated = identity.role !== 'anon';
      this.checkProfile(request);
      const body =
        request.method === 'POST' || request.method === 'PATCH' ? await readJsonBody(request) : undefined;
      return await this.withSchemaRetry((schema) => this.route(request, url, path, body, schema, identity));
    } catch (error) {
      if (error instanceof InvalidJsonError) {
        return this.errorResponse(new PostgrestError(400, 'PGRST102', 'Empty or invalid json'));
      }
      return this.errorResponse(toPostgrestError(error, authenticated));
    }
  }

  private errorResponse(error: PostgrestError): ApiResponse {
    const headers: Record<string, string> = {};
    if (error.status === 401) {
      headers['WWW-Authenticate'] = error.code.startsWith('PGRST3')
        ? `Bearer error="invalid_token", error_description="${error.message}"`
        : 'Bearer';
    }
    return { status: error.status, headers, body: error.toJSON() };
  }

  private async identify(request: IncomingMessage, path: string): Promise<RequestIdentity> {
    const apiKey = request.headers.apikey;
    // Without Authorization, the gateway's API key is the JWT (an anon or service_role key).
    const token = bearerToken(request) ?? (typeof apiKey === 'string' ? apiKey : null);
    let claims: Claims = { role: 'anon' };
    if (token !== null) {
      try {
        claims = await this.signer.verify(token);
      } catch (error) {
        if (!(error instanceof JwtInvalidError)) throw error;
        throw error.expired
          ? new PostgrestError(401, 'PGRST303', 'JWT expired')
          : new PostgrestError(401, 'PGRST301', 'No suitable key or wrong key type', error.message);
      }
    }
    return { role: claims.role ?? 'anon', claims, method: request.method ?? 'GET', path };
  }

  private checkProfile(request: IncomingMessage): void {
    const profile = request.headers['accept-profile'] ?? request.headers['content-profile'];
    if (profile !== undefined && profile !== 'public') {
      throw new PostgrestError(
        406,
        'PGRST106',
        `Invalid schema: ${String(profile)}`,
        null,
        'Only the following schemas are exposed: public',
      );
    }
  }

  /** A name the cache does not know may have been created since it was loaded: reload once and retry. */
  private async withSchemaRetry(run: (schema: Schema) => Promise<ApiResponse>): Promise<ApiResponse> {
    try {
      return await run(await this.cache.get());
    } catch (error) {
      const stale =
        error instanceof PostgrestError &&
        ['PGRST200', 'PGRST202', 'PGRST204', 'PGRST205', '42703'].includes(error.code);
      if (!stale) throw error;
      return run(await this.cache.reload());
    }
  }

  private route(
    request: IncomingMessage,
    url: URL,
    path: string,
    body: unknown,
    schema: Schema,
    identity: RequestIdentity,
  ): Promise<ApiResponse> {
    const segments = path
      .split('/')
      .filter((segment) => segment !== '')
      .map(decodeURIComponent);
    const method = request.method ?? 'GET';
    if (segments.length === 2 && segments[0] === 'rpc') {
      if (method !== 'POST' && method !== 'GET' && method !== 'HEAD')
        throw new PostgrestError(405, 'PGRST101', 'Only GET, HEAD and POST are allowed on functions');
      return this.callFunction(request, url, segments[1] as string, body, schema, identity);
    }
    if (segments.length !== 1)
      throw new PostgrestError(404, 'PGRST125', `Invalid path specified in request URL`);
    const relation = schema.relations.get(segments[0] as string);
    if (!relation) {
      throw new PostgrestError(
        404,
        'PGRST205',
        `Could not find the table '${schema.name}.${segments[0]}' in the schema cache`,
      );
    }
    const query = parseQuery(url.searchParams);
    const prefer = parsePrefer(request.headers.prefer);
    switch (method) {
      case 'GET':
      case 'HEAD':
        return this.read(request, schema, relation, query, prefer, identity);
      case 'POST':
        return this.mutate(
          request,
          schema,
          relation,
          query,
          prefer,
          identity,
          this.insertMutation(body, prefer),
        );
      case 'PATCH':
        if (body === null || typeof body !== 'object' || Array.isArray(body))
          throw new PostgrestError(400, 'PGRST102', 'Empty or invalid json');
        return this.mutate(request, schema, relation, query, prefer, identity, {
          kind: 'update',
          values: body as Record<string, unknown>,
        });
      case 'DELETE':
        return this.mutate(request, schema, relation, query, prefer, identity, { kind: 'delete' });
      default:
        throw new PostgrestError(405, 'PGRST117', `Unsupported HTTP method: ${method}`);
    }
  }

  private insertMutation(body: unknown, prefer: Preferences): Mutation {
    const rows = Array.isArray(body) ? body : [body];
    if (
      body === undefined ||
      rows.some((row) => row === null || typeof row !== 'object' || Array.isArray(row))
    ) {
      throw new PostgrestError(400, 'PGRST102', 'Empty or invalid json');
    }
    return {
      kind: 'insert',
      rows: rows as Record<string, unknown>[],
      resolution: prefer.resolution,
      missingDefault: prefer.missingDefault,
    };
  }

  private async read(
    request: IncomingMessage,
    schema: Schema,
    relation: Relation,
    query: ParsedQuery,
    prefer: Preferences,
    identity: RequestIdentity,
  ): Promise<ApiResponse> {
    applyRangeHeader(request, query);
    const params = new Params();
    const context = new QueryContext(schema, params, query.levels);
    const from = `${qualifiedName(schema, relation.name)} AS "t0"`;
    const { text, shape } = readStatement(
      context,
      { relation, from, alias: '"t0"', select: query.select },
      { countExact: prefer.countExact },
    );
    const row = await this.runRows(identity, { text, values: params.values, shape });
    return this.rowsResponse(request, row, query);
  }

  /** A read's rows as an array (200, or 206 for part of a counted total) or as one object. */
  private rowsResponse(request: IncomingMessage, row: ResultRow, query: ParsedQuery): ApiResponse {
    const rows = Number(row.page_total);
    const total = row.total === null ? null : Number(row.total);
    const offset = query.levels.get('')?.offset ?? 0;
    const headers = { 'Content-Range': contentRange(offset, rows, total) };
    if (wantsObject(request)) {
      if (rows !== 1) throw singularError(rows);
      return {
        status: 200,
        headers: { ...headers, 'Content-Type': 'application/vnd.pgrst.object+json; charset=utf-8' },
        body: (row.body as unknown[])[0],
      };
    }
    if (total !== null && offset > total) {
      throw new PostgrestError(
        416,
        'PGRST103',
        'Requested range not satisfiable',
        `An offset of ${offset} was requested, but there are only ${total} rows.`,
      );
    }
    const partial = total !== null && rows < total;
    return { status: partial ? 206 : 200, headers, body: row.body };
  }

  private async mutate(
    request: IncomingMessage,
    schema: Schema,
    relation: Relation,
    query: ParsedQuery,
    prefer: Preferences,
    identity: RequestIdentity,
    mutation: Mutation,
  ): Promise<ApiResponse> {
    const statement = mutationStatement(schema, relation, query, mutation, {
      representation: prefer.representation,
      countExact: prefer.countExact,
    });
    const single = wantsObject(request);
    const result = await inRequestTransaction(this.pool, identity, async (client) => {
      const first = (await client.query<ResultRow>(statement.text, statement.values)).rows[0] as ResultRow;
      // A single-object request that changed another number of rows is rolled back, as in PostgREST.
      if (single && Number(first.page_total) !== 1) throw singularError(Number(first.page_total));
      return first;
    });
    const row = withRequestedKeys(result, statement);
    const created = mutation.kind === 'insert';
    const rows = Number(row.page_total);
    const total = prefer.countExact ? rows : null;
    const headers = { 'Content-Range': created ? `*/${total ?? '*'}` : contentRange(0, rows, total) };
    if (!prefer.representation) return { status: created ? 201 : 204, headers };
    if (single) {
      return {
        status: created ? 201 : 200,
        headers: { ...headers, 'Content-Type': 'application/vnd.pgrst.object+json; charset=utf-8' },
        body: (row.body as unknown[])[0],
      };
    }
    return { status: created ? 201 : 200, headers, body: row.body };
  }

  private async callFunction(
    request: IncomingMessage,
    url: URL,
    name: string,
    body: unknown,
    schema: Schema,
    identity: RequestIdentity,
  ): Promise<ApiResponse> {
    if (body !== undefined && (body === null || typeof body !== 'object' || Array.isArray(body))) {
      throw new PostgrestError(400, 'PGRST102', 'Empty or invalid json');
    }
    const isPost = request.method === 'POST';
    const args: Record<string, unknown> = isPost ? ((body ?? {}) as Record<string, unknown>) : {};
    const overloads = schema.functions.get(name) ?? [];
    const argNames = new Set(overloads.flatMap((fn) => fn.args.map((arg) => arg.name)));
    if (!isPost) {
      for (const [key, value] of url.searchParams) if (argNames.has(key)) args[key] = value;
    }
    const fn = findFunction(schema, name, Object.keys(args));
    const query = parseQuery(url.searchParams, isPost ? new Set() : argNames);
    const prefer = parsePrefer(request.headers.prefer);
    applyRangeHeader(request, query);
    const statement = rpcStatement(schema, fn, args, query, prefer.countExact);
    if (statement.result === 'void') {
      await this.runRows(identity, statement);
      return { status: 204 };
    }
    const row = await this.runRows(identity, statement);
    if (statement.result === 'scalar') return { status: 200, body: row.body };
    if (statement.result === 'single-row') return { status: 200, body: (row.body as unknown[])[0] ?? null };
    return this.rowsResponse(request, row, query);
  }

  private async runRows(identity: RequestIdentity, statement: Statement): Promise<ResultRow> {
    const row = await inRequestTransaction(
      this.pool,
      identity,
      async (client) =>
        (await client.query<ResultRow>(statement.text, statement.values)).rows[0] as ResultRow,
    );
    return withRequestedKeys(row, statement);
  }
}
