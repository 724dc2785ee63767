/** What every page shows when the app was built without a Convex deployment to talk to. */
export function MissingDeployment() {
  return (
    <section role="alert" className="space-y-3 rounded-lg border border-amber-300 bg-amber-50 p-4">
      <h1 className="text-xl font-semibold">Set NEXT_PUBLIC_CONVEX_URL</h1>
      <p>
        This app reads and writes through a Convex deployment, and none is configured. Run{' '}
        <code>npx convex dev</code> in <code>apps/convex</code> (it writes <code>NEXT_PUBLIC_CONVEX_URL</code>{' '}
        to <code>.env.local</code>), then restart <code>next dev</code>, or rebuild: the URL is part of the
        browser bundle.
      </p>
    </section>
  );
}
