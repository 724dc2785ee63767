import type { IncomingMessage, ServerResponse } from 'node:http';
import type { JSONValue } from 'convex/values';
import { InvalidTokenError, type TokenVerifier } from './auth';
import type { Caller, Deployment, FunctionResult } from './deployment';
import type { FunctionKind } from './app';
import type { ConvexFaults } from './faults';

/** A deployment's limit on a function's arguments (16 MiB); a larger body is refused unread. */
export const MAX_ARGS_BYTES = 16 * 1024 * 1024;

const FUNCTION_ENDPOINTS: Record<string, FunctionKind | undefined> = {
  '/api/query': 'query',
  '/api/mutation': 'mutation',
  '/api/action': 'action',
  '/api/function': undefined,
};

// A deployment's status for a function that ran and failed; ConvexHttpClient reads its JSON body.
const STATUS_FUNCTION_FAILED = 560;

interface Context {
  deployment: Deployment;
  verifier: TokenVerifier;
  adminKey: string;
  faults?: ConvexFaults | undefined;
}

/** A request error with the deployment's `{code, message}` body. */
export class RequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The deployment's HTTP API on its cloud URL, as ConvexHttpClient and the CLI call it. */
export async function handleApiRequest(
  request: IncomingMessage,
  response: ServerResponse,
  context: Context,
): Promise<void> {
  try {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (path === '/version' || path === '/instance_version')
      return send(response, 200, 'text/plain', 'convex-offline');
    // A browser's ConvexHttpClient sends JSON with Authorization: a CORS preflight first.
    if (request.method === 'OPTIONS') {
      response.writeHead(204, {
        'access-control-allow-origin': '*',
        'access-control-allow-methods': 'POST',
        'access-control-allow-headers': 'content-type, authorization, convex-client',
      });
      return void response.end();
    }
    if (request.method !== 'POST')
      throw new RequestError(404, 'NotFound', `No route for ${request.method} ${path}`);
    if (path === '/api/query_ts') {
      return sendJson(response, 200, { ts: context.deployment.ts.toString() });
    }
    const atTs = path === '/api/query_at_ts';
    if (!(path in FUNCTION_ENDPOINTS) && !atTs)
      throw new RequestError(404, 'NotFound', `No route for POST ${path}`);
    const body = parseBody(await readBody(request));
    const caller = await callerOf(request.headers.authorization, context);
    if (atTs && body.ts !== context.deployment.ts.toString()) {
      // convex-test keeps no history, so only the latest snapshot can be read; a deployment keeps a
      // few minutes of it. Refusing is better than answering from the wrong snapshot.
      throw new RequestError(
        400,
        'SnapshotTooOld',
        `Snapshot ${String(body.ts)} is not the latest; this local deployment keeps no history`,
      );
    }
    const kind = atTs ? 'query' : FUNCTION_ENDPOINTS[path];
    // `/api/function` takes the arguments object; the typed endpoints a one-element array of it.
    const args = path === '/api/function' ? body.args : Array.isArray(body.args) ? body.args[0] : body.args;
    // ConvexHttpClient sends no request id and never resends: a cut is the caller's error to handle.
    const fault = kind === 'mutation' ? context.faults?.takeMutation(body.path, 'http', args) : undefined;
    if (fault === 'before') return void request.socket.destroy();
    const result = await context.deployment.call(kind, body.path, args ?? {}, caller);
    if (fault === 'after') return void request.socket.destroy();
    sendResult(response, result);
  } catch (error) {
    if (error instanceof RequestError)
      return sendJson(response, error.status, { code: error.code, message: error.message });
    if (error instanceof InvalidTokenError)
      return sendJson(response, 401, { code: error.code, message: error.message });
    console.error('convex-offline: request failed', error);
    sendJson(response, 500, { code: 'InternalServerError', message: 'Your request could not be completed' });
  }
}

/** The caller an Authorization header names: `Bearer <user token>` or `Convex <admin key>[:<identity>]`. */
export async function callerOf(header: string | undefined, context: Context): Promise<Caller> {
  if (!header) return {};
  const [scheme, credentials = ''] = header.split(' ', 2);
  if (scheme === 'Bearer') return { identity: (await context.verifier.verify(credentials)).identity };
  if (scheme === 'Convex') return adminCaller(credentials, context.adminKey);
  throw new RequestError(
    401,
    'InvalidAuthHeader',
    'The Authorization header must be "Bearer <token>" or "Convex <admin key>"',
  );
}

/** The admin key, optionally acting as an identity (`<key>:<base64 JSON identity>`, as the CLI sends). */
export function adminCaller(
  credentials: string,
  adminKey: string,
  impersonating?: Caller['identity'],
): Caller {
  const [key, actingAs] = credentials.split(':', 2);
  if (key !== adminKey)
    throw new RequestError(401, 'BadAdminKey', 'The provided admin key was invalid for this instance');
  const identity = actingAs
    ? (JSON.parse(Buffer.from(actingAs, 'base64').toString('utf8')) as Caller['identity'])
    : impersonating;
  return { admin: true, identity };
}

interface FunctionRequestBody {
  path: string;
  args?: JSONValue;
  ts?: unknown;
}

function parseBody(text: string): FunctionRequestBody {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw new RequestError(400, 'BadJsonBody', `Failed to parse JSON body: ${(error as Error).message}`);
  }
  if (typeof body !== 'object' || body === null || typeof (body as { path?: unknown }).path !== 'string') {
    throw new RequestError(400, 'BadJsonBody', 'The body must be a JSON object with a string "path"');
  }
  return body as FunctionRequestBody;
}

export async function readBody(request: IncomingMessage): Promise<string> {
  const length = Number(request.headers['content-length'] ?? 0);
  if (length > MAX_ARGS_BYTES) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_ARGS_BYTES) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function tooLarge(): RequestError {
  return new RequestError(
    413,
    'ArgumentsTooLarge',
    `Function arguments are too large (limit: ${MAX_ARGS_BYTES} bytes)`,
  );
}

function sendResult(response: ServerResponse, result: FunctionResult): void {
  const { logLines } = result;
  if (result.ok) return sendJson(response, 200, { status: 'success', value: result.value, logLines });
  const { message, errorData } = result.error;
  sendJson(response, STATUS_FUNCTION_FAILED, {
    status: 'error',
    errorMessage: message,
    ...(errorData !== undefined ? { errorData } : {}),
    logLines,
  });
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  send(response, status, 'application/json', JSON.stringify(body));
}

function send(response: ServerResponse, status: number, contentType: string, body: string): void {
  if (response.headersSent) return void response.end();
  response.writeHead(status, { 'content-type': contentType, 'access-control-allow-origin': '*' });
  response.end(body);
}
