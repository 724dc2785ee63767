import { NotFoundNotice } from '@parity/ui';
import { LivePostUpdates } from '../../live-updates';

export default function PostNotFound() {
  return (
    <>
      <LivePostUpdates />
      <NotFoundNotice what="Post" />
    </>
  );
}
