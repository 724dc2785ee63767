import { signUpInput } from '@parity/domain';
import { z } from 'zod';

/**
 * Sign-up's input: the domain's account fields plus Convex Auth's default password rule, as a
 * field error like every other rule. The sign-up form checks it too, before the request, since
 * Convex Auth's Next.js route passes only an error's message on to the browser.
 */
export const signUpWithPasswordInput = signUpInput.extend({
  password: z.string().min(8, 'At least 8 characters'),
});
