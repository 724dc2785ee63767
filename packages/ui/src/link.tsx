import type { AnchorHTMLAttributes, ComponentType } from 'react';

export type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { href: string };

/**
 * How components render links; apps pass next/link (or any component with `href`) so navigation
 * stays client-side. A plain anchor by default.
 */
export type LinkComponent = ComponentType<LinkProps>;

export function Anchor(props: LinkProps) {
  return <a {...props} />;
}
