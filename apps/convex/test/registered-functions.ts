import {
  registeredFunctions as fromModules,
  type RegisteredFunction,
} from '@parity/convex-offline/functions';
import { modules } from '../contract/convex-test';

/** Every Convex function the app's modules export, read as the local deployment reads them. */
export function registeredFunctions(): Promise<RegisteredFunction[]> {
  return fromModules(
    Object.fromEntries(
      Object.entries(modules).map(([path, load]) => [
        path.replace(/^\.\.\/convex\//, '').replace(/\.[jt]s$/, ''),
        load,
      ]),
    ),
  );
}
