import { type IncomingMessage, type ServerResponse } from 'node:http';

export interface ApiResponse {
  status: number;
  headers?: Record<string, string>;
  /** Serialized as JSON; `undefined` sends no body. */
  body?: unknown;
  /** A body sent as it is (CSV), instead of `body`. */
  text?: string;
}

export class InvalidJsonError extends Error {}

export async function readJsonBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new InvalidJsonError(text);
  }
}

// supabase-js in a browser calls the API cross-origin, as it does with Supabase's gateway.
const corsHeaders = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Headers':
    'authorization, x-client-info, apikey, content-type, accept, accept-profile, content-profile, prefer, range, range-unit, x-supabase-api-version',
  'Access-Control-Allow-Methods': 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS',
  'Access-Control-Expose-Headers':
    'Content-Range, Content-Location, Location, Preference-Applied, X-Supabase-Api-Version',
};

export function sendResponse(response: ServerResponse, result: ApiResponse, isHead: boolean): void {
  const headers: Record<string, string> = { ...corsHeaders, ...result.headers };
  const text = result.text ?? (result.body === undefined ? undefined : JSON.stringify(result.body));
  const hasBody = text !== undefined && result.status !== 204;
  if (hasBody && !headers['Content-Type']) headers['Content-Type'] = 'application/json; charset=utf-8';
  response.writeHead(result.status, headers);
  response.end(hasBody && !isHead ? text : undefined);
}

export const bearerToken = (request: IncomingMessage): string | null => {
  const match = /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? '');
  return match?.[1]?.trim() ?? null;
};
