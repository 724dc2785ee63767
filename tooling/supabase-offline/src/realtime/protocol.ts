/**
 * Phoenix channel frames as Realtime speaks them. realtime-js 2.x defaults to serializer 2.0.0
 * (a JSON array `[join_ref, ref, topic, event, payload]`); 1.0.0 is the older JSON object. Both are
 * read and answered in the version the client asked for with `vsn`. The binary broadcast frames of
 * 2.0.0 are not decoded: broadcast is not served offline (see README).
 */
export interface Frame {
  joinRef: string | null;
  ref: string | null;
  topic: string;
  event: string;
  payload: Record<string, unknown>;
}

export type Vsn = '1.0.0' | '2.0.0';

export function parseVsn(value: string | null): Vsn | null {
  if (value === null || value === '1.0.0') return '1.0.0';
  return value === '2.0.0' ? '2.0.0' : null;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const refOf = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** Null for anything that is not a frame: the socket answers it by closing, as Phoenix does. */
export function decodeFrame(text: string, vsn: Vsn): Frame | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (vsn === '2.0.0') {
    if (!Array.isArray(parsed) || parsed.length !== 5) return null;
    const [joinRef, ref, topic, event, payload] = parsed as unknown[];
    if (typeof topic !== 'string' || typeof event !== 'string' || !isRecord(payload)) return null;
    return { joinRef: refOf(joinRef), ref: refOf(ref), topic, event, payload };
  }
  if (!isRecord(parsed)) return null;
  const { join_ref, ref, topic, event, payload } = parsed;
  if (typeof topic !== 'string' || typeof event !== 'string' || !isRecord(payload)) return null;
  return { joinRef: refOf(join_ref), ref: refOf(ref), topic, event, payload };
}

export function encodeFrame(frame: Frame, vsn: Vsn): string {
  const { joinRef, ref, topic, event, payload } = frame;
  return JSON.stringify(
    vsn === '2.0.0'
      ? [joinRef, ref, topic, event, payload]
      : { join_ref: joinRef, ref, topic, event, payload },
  );
}

/** The reply to a push: `phx_reply` with the push's ref. */
export function reply(to: Frame, status: 'ok' | 'error', response: Record<string, unknown>): Frame {
  return {
    joinRef: to.joinRef,
    ref: to.ref,
    topic: to.topic,
    event: 'phx_reply',
    payload: { status, response },
  };
}
