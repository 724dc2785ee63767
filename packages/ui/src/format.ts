const dateTime = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

/** A contract timestamp for people; UTC so server and browser render the same text. */
export function formatTimestamp(iso: string): string {
  return `${dateTime.format(new Date(iso))} UTC`;
}
