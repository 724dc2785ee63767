/** Number formats shared by the HTML page, the markdown page and the summary line. */
export const ms = (value: number) => value.toFixed(2);
export const kB = (bytes: number) => (bytes / 1000).toFixed(1);
export const seconds = (milliseconds: number) => (milliseconds / 1000).toFixed(1);
export const ratio = (value: number, floor: number | null) =>
  floor ? `${(value / floor).toFixed(1)}×` : '—';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
