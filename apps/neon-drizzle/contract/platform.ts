import { randomBytes } from 'node:crypto';
import type { Client, Platform } from '@parity/contract';
import { withField } from '@parity/domain';
import { signUpWithPassword } from '../src/auth/accounts';
import type { Actor } from '../src/data/access';
import { auditLog } from '../src/data/audit';
import { closeDb } from '../src/data/client';
import { truncateAll } from '../src/data/maintenance';
import {
  createPost,
  deletePost,
  editPost,
  getPost,
  listPosts,
  restorePost,
  setPostTags,
  updatePost,
} from '../src/data/posts';
import { getProfile, upsertProfile } from '../src/data/profiles';
import { listTags } from '../src/data/tags';
import { deleteMe, getMe, getUser, updateMe } from '../src/data/users';

/**
 * A contract Client over the data layer, entering where the app's server actions do: every call
 * passes the acting user explicitly. `actor` plays the session: deleteMe signs out.
 */
function clientFor(userId: string | null): Client {
  let actor: Actor = userId ? { userId } : null;
  return {
    me: () => getMe(actor),
    getUser: (id) => getUser(id),
    updateMe: (patch) => updateMe(actor, patch),
    deleteMe: async () => {
      await deleteMe(actor);
      actor = null;
    },
    getProfile: (id) => getProfile(id),
    upsertProfile: (input) => upsertProfile(actor, input),
    createPost: (input) => createPost(actor, input),
    getPost: (id) => getPost(actor, id),
    updatePost: (id, patch) => updatePost(actor, id, patch),
    setPostTags: (id, tags) => setPostTags(actor, id, tags),
    editPost: (id, edit) => editPost(actor, id, edit),
    deletePost: (id) => deletePost(actor, id),
    restorePost: (id) => restorePost(actor, id),
    listPosts: (query) => listPosts(actor, query),
    listTags: () => listTags(),
    auditLog: (postId) => auditLog(actor, postId),
  };
}

/**
 * The Neon + Drizzle platform: DATABASE_URL (+ NEON_WS_PROXY locally) and BETTER_AUTH_SECRET /
 * BETTER_AUTH_URL, as the app itself reads them.
 */
export async function createPlatform(): Promise<Platform> {
  return {
    name: 'neon-drizzle',
    reset: () => truncateAll(),
    anonymous: () => clientFor(null),
    // Better Auth's sign-up, as the app's sign-up action runs it; the password is never used again.
    signUp: async (input) => {
      const password = randomBytes(16).toString('base64url');
      // The contract's input may be anything; signUpWithPassword validates it (types aside).
      const account = withField(input, 'password', password) as Parameters<typeof signUpWithPassword>[0];
      return clientFor((await signUpWithPassword(account)).userId);
    },
    close: () => closeDb(),
  };
}
