'use client';

import {
  createContext,
  useContext,
  type AnchorHTMLAttributes,
  type ComponentType,
  type ReactNode,
} from 'react';

export type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { href: string };

/** How components render internal links: next/link in the apps, a plain anchor by default. */
export type LinkComponent = ComponentType<LinkProps>;

const LinkContext = createContext<LinkComponent | null>(null);

/**
 * Set once, in a client module of the app (e.g. its providers.tsx): a Server Component cannot
 * hand a component such as next/link to a Client Component as a prop, but a provider can.
 */
export function LinkProvider({ component, children }: { component: LinkComponent; children: ReactNode }) {
  return <LinkContext value={component}>{children}</LinkContext>;
}

/** An internal link, rendered with the app's link component when it provides one. */
export function AppLink(props: LinkProps) {
  const Component = useContext(LinkContext);
  if (!Component) return <a {...props} />;
  // The component comes from the app's provider, set once at module level: its identity is stable.
  // eslint-disable-next-line react-hooks/static-components
  return <Component {...props} />;
}
