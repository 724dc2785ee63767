/** Number formats shared by the HTML page, the markdown page and the summary line. */
import type { RoundTrips } from './report';
export const ms = (value: number) => value.toFixed(2);
export const kB = (bytes: number) => (bytes / 1000).toFixed(1);
export const seconds = (milliseconds: number) => (milliseconds / 1000).toFixed(1);
export const percent = (fraction: number) => `${(fraction * 100).toFixed(1)} %`;
/** A figure that may be absent (a level without writes, Convex's database connections). */
export const orDash = (value: number | null) => (value === null ? '—' : String(value));
export const ratio = (value: number, floor: number | null) =>
  floor ? `${(value / floor).toFixed(1)}×` : '—';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

const TRIP_KINDS: Record<keyof RoundTrips, string> = {
  statements: 'SQL statements',
  httpRequests: 'HTTP requests',
  documentsRead: 'documents read',
  documentsWritten: 'documents written',
};

export function roundTripsText(roundTrips: RoundTrips): string {
  return (Object.keys(TRIP_KINDS) as Array<keyof RoundTrips>)
    .flatMap((kind) => (roundTrips[kind] === undefined ? [] : [`${roundTrips[kind]} ${TRIP_KINDS[kind]}`]))
    .join(', ');
}
