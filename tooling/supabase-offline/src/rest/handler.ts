import { type IncomingMessage } from 'node:http';
import { type Pool } from 'pg';
import { type ApiResponse, bearerToken, InvalidJsonError, readJsonBody } from '../http';
import { type Claims, JwtInvalidError, type JwtSigner } from '../keys';
import { PostgrestError, toPostgrestError } from './errors';
import { JwtCache } from './jwt-cache';
import { inRequestTransaction, type RequestIdentity } from './executor';
import { type Mutation, mutationStatement, type Statement } from './mutations';
import {
  applyRangeHeader,
  checkMaxAffected,
  contentRange,
  contentTypes,
  type MediaType,
  negotiate,
  parsePrefer,
  type Preferences,
  singularError,
  stripNulls,
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
  /** Rows an upsert inserted (the others it updated). */
  inserted?: string;
}

/** The body with the requested keys, or as CSV with PostgREST's header line of those keys. */
function withRequestedKeys(row: ResultRow, statement: Statement): ResultRow {
  if (statement.shape === null) return row;
  if (statement.csv) {
    const header = Number(row.page_total) > 0 ? statement.shape.map((entry) => entry.key).join(',') : '';
    return { ...row, body: `${header}\n${String(row.body)}` };
  }
  return { ...row, body: reshape(row.body, statement.shape) };
}

/** A read's body in the negotiated format: JSON rows, one object, or CSV text. */
function formatted(media: MediaType, body: unknown): Pick<ApiResponse, 'body' | 'text' | 'headers'> {
  const headers = { 'Content-Type': contentTypes[media.kind] };
  if (media.kind === 'csv') return { headers, text: String(body) };
  const value = media.kind === 'object' ? (body as unknown[])[0] : body;
  return { headers, body: media.stripNulls ? stripNulls(value) : value };
}

const cookiesOf = (header: string | undefined): Record<string, string> =>
  Object.fromEntries(
    (header ?? '')
      .split(';')
      .map((pair) => pair.trim())
      .filter((pair) => pair.includes('='))
      .map((pair) => {
        const at = pair.indexOf('=');
        return [pair.slice(0, at), pair.slice(at + 1)];
      }),
  );

/** The PostgREST subset: tables and views under /rest/v1/<name>, functions under /rest/v1/rpc/<name>. */
export class RestApi {
  private readonly tokens: JwtCache;

  constructor(
    private readonly pool: Pool,
    private readonly cache: SchemaCache,
    signer: JwtSigner,
  ) {
    this.tokens = new JwtCache(signer);
  }

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
        claims = await this.tokens.verify(token);
      } catch (error) {
        if (!(error instanceof JwtInvalidError)) throw error;
        throw error.expired
          ? new PostgrestError(401, 'PGRST303', 'JWT expired')
          : new PostgrestError(401, 'PGRST301', 'No suitable key or wrong key type', error.message);
      }
    }
    // request.headers as PostgREST sets it: lower-case names, repeated headers joined.
    const headers = Object.fromEntries(
      Object.entries(request.headers).map(([name, value]) => [name, [value ?? ''].flat().join(', ')]),
    );
    return {
      role: claims.role ?? 'anon',
      claims,
      method: request.method ?? 'GET',
      path,
      headers,
      cookies: cookiesOf(request.headers.cookie),
    };
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
    const media = negotiate(request);
    applyRangeHeader(request, query);
    const params = new Params();
    const context = new QueryContext(schema, params, query.levels);
    const from = `${qualifiedName(schema, relation.name)} AS "t0"`;
    const csv = media.kind === 'csv';
    const { text, shape } = readStatement(
      context,
      { relation, from, alias: '"t0"', select: query.select },
      { countExact: prefer.countExact, csv },
    );
    const row = await this.runRows(identity, { text, values: params.values, shape, csv }, prefer);
    const response = this.rowsResponse(row, query, media);
    // A read applies no write preferences, as PostgREST reports it.
    const applied = prefer.applied.filter((token) => !/^(return|resolution|missing)=/.test(token));
    const headers: Record<string, string> = { ...response.headers };
    if (applied.length > 0) headers['Preference-Applied'] = applied.join(', ');
    return { ...response, headers };
  }

  /** A read's rows as an array (200, or 206 for part of a counted total), one object or CSV. */
  private rowsResponse(row: ResultRow, query: ParsedQuery, media: MediaType): ApiResponse {
    const rows = Number(row.page_total);
    const total = row.total === null ? null : Number(row.total);
    const offset = query.levels.get('')?.offset ?? 0;
    const range = { 'Content-Range': contentRange(offset, rows, total) };
    if (media.kind === 'object' && rows !== 1) throw singularError(rows);
    if (media.kind !== 'object' && total !== null && offset > total) {
      throw new PostgrestError(
        416,
        'PGRST103',
        'Requested range not satisfiable',
        `An offset of ${offset} was requested, but there are only ${total} rows.`,
      );
    }
    const partial = media.kind !== 'object' && total !== null && rows < total;
    const body = formatted(media, row.body);
    return { ...body, status: partial ? 206 : 200, headers: { ...range, ...body.headers } };
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
    const media = negotiate(request);
    const statement = mutationStatement(schema, relation, query, mutation, {
      representation: prefer.representation,
      countExact: prefer.countExact,
      csv: media.kind === 'csv',
    });
    const created = mutation.kind === 'insert';
    const result = await inRequestTransaction<ResultRow>(this.pool, identity, statement, {
      rollback: prefer.rollback,
      timezone: prefer.timezone,
      check: (first) => {
        const affected = Number(first.page_total);
        // A single-object request that changed another number of rows is rolled back, as in PostgREST.
        if (media.kind === 'object' && affected !== 1) throw singularError(affected);
        if (!created) checkMaxAffected(prefer, affected);
      },
    });
    const row = withRequestedKeys(result, statement);
    const rows = Number(row.page_total);
    const total = prefer.countExact ? rows : null;
    const headers: Record<string, string> = {
      'Content-Range': created ? `*/${total ?? '*'}` : contentRange(0, rows, total),
      ...this.preferenceApplied(prefer),
    };
    // An upsert that inserted nothing (it only updated) answers 200, as PostgREST does.
    const status = created ? (row.inserted !== undefined && Number(row.inserted) === 0 ? 200 : 201) : 200;
    if (!prefer.representation) return { status: created ? status : 204, headers };
    const body = formatted(media, row.body);
    return { ...body, status, headers: { ...headers, ...body.headers } };
  }

  private preferenceApplied(prefer: Preferences): Record<string, string> {
    return prefer.applied.length > 0 ? { 'Preference-Applied': prefer.applied.join(', ') } : {};
  }

  private async callFunction(
    request: IncomingMessage,
    url: URL,
    name: string,
    body: unknown,
    schema: Schema,
    identity: RequestIdentity,
  ): Promise<ApiResponse> {
    const isPost = request.method === 'POST';
    const isObject = body !== null && typeof body === 'object' && !Array.isArray(body);
    const args: Record<string, unknown> = isPost && isObject ? { ...(body as Record<string, unknown>) } : {};
    const overloads = schema.functions.get(name) ?? [];
    const argNames = new Set(overloads.flatMap((fn) => fn.args.map((arg) => arg.name)));
    if (!isPost) {
      // A repeated query parameter is an array, as PostgREST passes a VARIADIC one.
      for (const key of new Set(url.searchParams.keys())) {
        if (!argNames.has(key)) continue;
        const values = url.searchParams.getAll(key);
        args[key] = values.length > 1 ? values : values[0];
      }
    }
    const contentType = request.headers['content-type'] ?? 'application/json';
    const isPostJson = isPost && contentType.startsWith('application/json');
    const takesWholeBody = overloads.some((fn) => fn.args.length === 1 && fn.args[0]?.name === '');
    if (isPost && body !== undefined && !isObject && !takesWholeBody) {
      throw new PostgrestError(400, 'PGRST102', 'Empty or invalid json');
    }
    const resolved = findFunction(schema, name, Object.keys(args), isPostJson);
    const media = negotiate(request);
    const query = parseQuery(url.searchParams, isPost ? new Set() : argNames);
    const prefer = parsePrefer(request.headers.prefer);
    if (prefer.strict && prefer.maxAffected !== null && !resolved.fn.returnsSet) {
      throw new PostgrestError(
        400,
        'PGRST128',
        'Function must return SETOF or TABLE when max-affected preference is used with handling=strict',
      );
    }
    applyRangeHeader(request, query);
    const csv = media.kind === 'csv';
    const statement = rpcStatement(schema, resolved, resolved.wholeBody ? body : args, query, {
      countExact: prefer.countExact,
      csv,
    });
    const row = await this.runRows(identity, statement, prefer, (result) => {
      if (resolved.fn.returnsSet) checkMaxAffected(prefer, Number(result.page_total));
    });
    const headers = this.preferenceApplied(prefer);
    if (statement.result === 'void') return { status: 204, headers };
    const rows = Number(row.page_total);
    const total = row.total === null ? null : Number(row.total);
    const range = { ...headers, 'Content-Range': contentRange(0, rows, total) };
    if (statement.result === 'scalar' || statement.result === 'single-row') {
      if (csv) throw new PostgrestError(406, 'PGRST107', 'None of these media types are available: text/csv');
      const value = statement.result === 'single-row' ? ((row.body as unknown[])[0] ?? null) : row.body;
      return { status: 200, headers: range, body: media.stripNulls ? stripNulls(value) : value };
    }
    const response = this.rowsResponse(row, query, media);
    return { ...response, headers: { ...headers, ...response.headers } };
  }

  private async runRows(
    identity: RequestIdentity,
    statement: Statement,
    prefer: Preferences,
    check: (row: ResultRow) => void = () => undefined,
  ): Promise<ResultRow> {
    const row = await inRequestTransaction<ResultRow>(this.pool, identity, statement, {
      rollback: prefer.rollback,
      timezone: prefer.timezone,
      check,
    });
    return withRequestedKeys(row, statement);
  }
}
