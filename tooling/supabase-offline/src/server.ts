import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { type Duplex } from 'node:stream';
import { type AuthApi } from './auth/handler';
import { type ApiFaults, FAULTS_PATH } from './faults';
import { type ApiResponse, sendResponse } from './http';
import { REALTIME_PATH, type RealtimeServer } from './realtime';
import { type RestApi } from './rest/handler';

export interface ApiKeys {
  anonKey: string;
  serviceRoleKey: string;
}

/**
 * Supabase's gateway admits a request only with one of the project's API keys, in the `apikey`
 * header or query parameter (removed before the request goes on, as the gateway hides it).
 */
function checkApiKey(request: IncomingMessage, url: URL, keys: ApiKeys): ApiResponse | null {
  const header = request.headers.apikey;
  const key = (typeof header === 'string' ? header : undefined) ?? url.searchParams.get('apikey');
  url.searchParams.delete('apikey');
  if (key === null) {
    return {
      status: 401,
      body: {
        message: 'No API key found in request',
        hint: 'No `apikey` request header or url param was found.',
      },
    };
  }
  if (key !== keys.anonKey && key !== keys.serviceRoleKey) {
    return {
      status: 401,
      body: {
        message: 'Invalid API key',
        hint: 'Double check your Supabase `anon` or `service_role` API key.',
      },
    };
  }
  return null;
}

/** Routes /rest/v1, /auth/v1 and Realtime's WebSocket like Supabase's gateway does. */
export function createApiServer(
  rest: RestApi,
  auth: AuthApi,
  realtime: RealtimeServer,
  keys: ApiKeys,
  faults?: ApiFaults,
) {
  // Idle keep-alive sockets outlive the client's (undici: 4 s), so Next's fetch never reuses a socket
  // this server is closing that instant ("other side closed" under load), as behind Supabase's gateway.
  const server = createServer(
    { keepAliveTimeout: 65_000 },
    (request: IncomingMessage, response: ServerResponse) => {
      const url = new URL(request.url ?? '/', 'http://localhost');
      const isHead = request.method === 'HEAD';
      if (faults && url.pathname === FAULTS_PATH) return void faults.handle(request, response);
      const fault = faults?.takeRequest(request.method ?? 'GET', url.pathname);
      if (fault === 'before') return void request.socket.destroy();
      if (request.method === 'OPTIONS') {
        sendResponse(response, { status: 204 }, false);
        return;
      }
      const rejected = checkApiKey(request, url, keys);
      const handled = rejected
        ? Promise.resolve(rejected)
        : url.pathname.startsWith('/rest/v1')
          ? rest.handle(request, url, url.pathname.slice('/rest/v1'.length))
          : url.pathname.startsWith('/auth/v1')
            ? auth.handle(request, url, url.pathname.slice('/auth/v1'.length))
            : Promise.resolve({ status: 404, body: { message: 'no Route matched with those values' } });
      handled
        .then((result) => {
          if (fault === 'after') return void request.socket.destroy();
          sendResponse(response, result, isHead);
        })
        .catch((error: unknown) => {
          console.error('supabase-offline: unexpected error', error);
          sendResponse(
            response,
            {
              status: 500,
              body: { code: 'PGRST000', message: 'Internal server error', details: null, hint: null },
            },
            isHead,
          );
        });
    },
  );
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const apiKey = url.searchParams.get('apikey');
    const rejected = checkApiKey(request, url, keys);
    if (url.pathname !== REALTIME_PATH || rejected || apiKey === null) {
      const status = url.pathname !== REALTIME_PATH ? '404 Not Found' : '401 Unauthorized';
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\n\r\n`);
      return;
    }
    realtime.handleUpgrade(request, socket, head, url, apiKey);
  });
  return server;
}
