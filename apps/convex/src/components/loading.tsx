/** What a page shows until its first query result arrives over the WebSocket. */
export function Loading() {
  return (
    <p role="status" className="text-zinc-600">
      Loading…
    </p>
  );
}
