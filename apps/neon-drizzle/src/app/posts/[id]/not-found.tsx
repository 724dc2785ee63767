import { NotFoundNotice } from '@parity/ui';

export default function PostNotFound() {
  return <NotFoundNotice what="Post" />;
}
