import { NotFoundNotice } from '@parity/ui';

/** Missing and invisible posts look the same (a 404 either way), so existence does not leak. */
export default function PostNotFound() {
  return <NotFoundNotice what="Post" />;
}
