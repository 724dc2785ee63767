import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { signUpWithPassword } from '../src/auth/accounts';
import { auditLog } from '../src/data/audit';
import type * as Client from '../src/data/client';
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

// Every statement the data layer sends is one round trip, on either driver (an HTTP request, or a
// query on the WebSocket session; BEGIN and COMMIT count): this pins how many each operation needs,
// so an extra query is a visible change. Runs once per driver (NEON_DRIVER, see vitest.config.ts).
const sent = vi.hoisted(() => [] as string[]);

vi.mock('../src/data/client', async (importOriginal) => {
  const client = await importOriginal<typeof Client>();
  const logged = (driver: Client.NeonDriver) =>
    client.createDatabase({
      databaseUrl: process.env.DATABASE_URL!,
      driver,
      wsProxy: process.env.NEON_WS_PROXY,
      logger: { logQuery: (query) => void sent.push(query) },
    });
  const db = logged(client.driverFromEnv());
  // Better Auth always writes over WebSockets (client.ts § getAuthDb).
  const authDb = db.driver === 'websocket' ? db : logged('websocket');
  return {
    ...client,
    getDb: () => db,
    getAuthDb: () => authDb,
    closeDb: async () => {
      await client.endDatabase(db);
      if (authDb !== db) await client.endDatabase(authDb);
    },
  };
});

const PASSWORD = 'correct horse battery staple';

async function statementsOf(operation: () => Promise<unknown>): Promise<number> {
  sent.length = 0;
  await operation();
  return sent.length;
}

describe('statements per data-layer operation', () => {
  let actor: { userId: string };

  beforeAll(async () => {
    await truncateAll();
    actor = await signUpWithPassword({ email: 'counted@example.com', name: 'Counted', password: PASSWORD });
  });

  afterAll(async () => {
    const { closeDb } = await import('../src/data/client');
    await closeDb();
  });

  it('reads take one statement each', async () => {
    const post = await createPost(actor, { title: 'Read me', published: true, tags: ['a'] });
    expect({
      me: await statementsOf(() => getMe(actor)),
      getUser: await statementsOf(() => getUser(actor.userId)),
      getProfile: await statementsOf(() => getProfile(actor.userId)),
      getPost: await statementsOf(() => getPost(actor, post.id)),
      listPosts: await statementsOf(() => listPosts(actor, { tag: 'a', limit: 1 })),
      listTags: await statementsOf(() => listTags()),
      auditLog: await statementsOf(() => auditLog(actor, post.id)),
    }).toEqual({ me: 1, getUser: 1, getProfile: 1, getPost: 1, listPosts: 1, listTags: 1, auditLog: 1 });
  });

  it("sign-up is Better Auth's (a transaction over WebSockets on either driver); account and profile writes are single statements (+ a read on a no-op)", async () => {
    // BEGIN, the email lookup, user, account, session, COMMIT (client.ts § getAuthDb).
    const signUp = 6;
    expect({
      signUp: await statementsOf(() =>
        signUpWithPassword({ email: 'other@example.com', name: 'Other', password: PASSWORD }),
      ),
      updateMe: await statementsOf(() => updateMe(actor, { name: 'Renamed' })),
      updateMeNoOp: await statementsOf(() => updateMe(actor, { name: 'Renamed' })),
      upsertProfile: await statementsOf(() => upsertProfile(actor, { bio: 'hi' })),
      upsertProfileNoOp: await statementsOf(() => upsertProfile(actor, { bio: 'hi' })),
    }).toEqual({ signUp, updateMe: 1, updateMeNoOp: 2, upsertProfile: 1, upsertProfileNoOp: 2 });
  });

  it('a post write is its read and one guarded statement; create needs no read; a no-op ends after the read', async () => {
    let postId = '';
    const createWithTags = await statementsOf(async () => {
      postId = (await createPost(actor, { title: 'Counted', tags: ['x', 'y'] })).id;
    });
    expect({
      createPost: await statementsOf(() => createPost(actor, { title: 'No tags' })),
      createPostWithTags: createWithTags,
      updatePost: await statementsOf(() => updatePost(actor, postId, { title: 'Changed' })),
      updatePostNoOp: await statementsOf(() => updatePost(actor, postId, { title: 'Changed' })),
      setPostTags: await statementsOf(() => setPostTags(actor, postId, ['y', 'z'])),
      setPostTagsNoOp: await statementsOf(() => setPostTags(actor, postId, ['z', 'y'])),
      editPost: await statementsOf(() => editPost(actor, postId, { title: 'Edited', tags: ['x', 'y'] })),
      editPostNoOp: await statementsOf(() => editPost(actor, postId, { title: 'Edited', tags: ['y', 'x'] })),
      deletePost: await statementsOf(() => deletePost(actor, postId)),
      restorePost: await statementsOf(() => restorePost(actor, postId)),
      restorePostNoOp: await statementsOf(() => restorePost(actor, postId)),
      deleteMe: await statementsOf(() => deleteMe(actor)),
    }).toEqual({
      createPost: 1,
      createPostWithTags: 1,
      updatePost: 2,
      updatePostNoOp: 1,
      setPostTags: 2,
      setPostTagsNoOp: 1,
      editPost: 2,
      editPostNoOp: 1,
      deletePost: 2,
      restorePost: 2,
      restorePostNoOp: 1,
      deleteMe: 1,
    });
  });
});
