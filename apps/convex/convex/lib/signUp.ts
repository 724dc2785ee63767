import { passwordSchema, signUpInput } from '@parity/domain';

/**
 * Sign-up's input: the domain's account fields plus the password rule (SPEC.md §7), as field
 * errors like every other rule. The sign-up form checks it too, before the request, since
 * Convex Auth's Next.js route passes only an error's message on to the browser.
 */
export const signUpWithPasswordInput = signUpInput.extend({ password: passwordSchema });
