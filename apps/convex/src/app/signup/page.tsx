import type { Metadata } from 'next';
import { SignUp } from './sign-up';

export const metadata: Metadata = { title: 'Sign up' };

export default function Page() {
  return <SignUp />;
}
