import { NotFoundNotice } from '@parity/ui';

export default function NotFound() {
  return <NotFoundNotice />;
}
