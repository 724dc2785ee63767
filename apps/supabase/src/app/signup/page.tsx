import type { Metadata } from 'next';
import { SignUp } from './sign-up';

export const metadata: Metadata = { title: 'Sign up · Parity · Supabase' };

export default function SignUpPage() {
  return <SignUp />;
}
