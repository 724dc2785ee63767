import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { type AuthApi } from './auth/handler';
import { sendResponse } from './http';
import { type RestApi } from './rest/handler';

/** Routes /rest/v1 and /auth/v1 like Supabase's gateway does; node:http is enough for two prefixes. */
export function createApiServer(rest: RestApi, auth: AuthApi) {
  return createServer((request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const isHead = request.method === 'HEAD';
    if (request.method === 'OPTIONS') {
      sendResponse(response, { status: 204 }, false);
      return;
    }
    const handled = url.pathname.startsWith('/rest/v1')
      ? rest.handle(request, url, url.pathname.slice('/rest/v1'.length))
      : url.pathname.startsWith('/auth/v1')
        ? auth.handle(request, url, url.pathname.slice('/auth/v1'.length))
        : Promise.resolve({ status: 404, body: { message: 'no Route matched with those values' } });
    handled
      .then((result) => sendResponse(response, result, isHead))
      .catch((error: unknown) => {
        console.error('supabase-offline: unexpected error', error);
        sendResponse(response, { status: 500, body: { code: 'PGRST000', message: 'Internal server error', details: null, hint: null } }, isHead);
      });
  });
}
