import { NotFoundNotice } from '@parity/ui';
import { LivePostUpdates } from '../../live-updates';

/** Missing and invisible posts look the same (a 404 either way), so existence does not leak. */
export default function PostNotFound() {
  return (
    <>
      <LivePostUpdates />
      <NotFoundNotice what="Post" />
    </>
  );
}
