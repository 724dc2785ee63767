import { NotFoundNotice } from '@parity/ui';

export default function UserNotFound() {
  return <NotFoundNotice what="User" />;
}
