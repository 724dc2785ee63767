import { ContractError, type Post } from '@parity/domain';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { signUpWithPassword } from '../src/auth/accounts';
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
import { emailInUse } from '../src/data/users';

// Issue 18: the Neon proxy (see "Fault injection" in tooling/local-stack/README.md) cuts the connection at a
// point of each write; afterwards the write is applied entirely or not at all (seen through the
// contract's reads and the audit log), the caller got an error (never a success for a write that did
// not happen), and the next call works on the same pool. Runs once per driver (vitest.config.ts).
// Neither driver retries a statement by itself, so an answer lost after the commit is an error to
// the caller, never a second write.

const PASSWORD = 'correct horse battery staple';
const faultsUrl = `http://${new URL(`ws://${process.env.NEON_WS_PROXY}`).host}/_parity/faults`;
const transport = process.env.NEON_DRIVER === 'http' ? 'http' : 'websocket';

async function arm(sql: string, at: 'before' | 'after', on = transport): Promise<void> {
  const response = await fetch(faultsUrl, {
    method: 'POST',
    body: JSON.stringify({ faults: [{ sql, at, transport: on }] }),
  });
  expect(response.status).toBe(204);
}

async function firedCount(): Promise<number> {
  return ((await (await fetch(faultsUrl)).json()) as { fired: unknown[] }).fired.length;
}

/** The error a cut connection gives: the driver's own, never a ContractError that would hide it. */
async function expectConnectionError(write: Promise<unknown>): Promise<void> {
  const error = await write.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(Error);
  expect(error).not.toBeInstanceOf(ContractError);
  expect(await firedCount()).toBe(1);
}

// Every write is one statement carrying its audit entry's CTE: matching that insert hits the write.
const WRITE = 'insert into "audit_logs"';

describe(`a write cut by the Neon proxy (${transport})`, () => {
  let actor: { userId: string };
  let post: Post;

  beforeAll(async () => {
    await truncateAll();
    actor = await signUpWithPassword({ email: 'faults@example.com', name: 'Faults', password: PASSWORD });
  });
  beforeEach(async () => {
    post = await createPost(actor, { title: 'Before the fault', published: true, tags: ['a'] });
  });
  afterAll(async () => {
    await fetch(faultsUrl, { method: 'DELETE' });
    await closeDb();
  });

  const writes: Array<[string, () => Promise<unknown>, (after: Post | null) => boolean]> = [
    [
      'updatePost',
      () => updatePost(actor, post.id, { title: 'After the fault' }),
      (p) => p?.title === 'After the fault',
    ],
    ['setPostTags', () => setPostTags(actor, post.id, ['b', 'c']), (p) => p?.tags.join() === 'b,c'],
    [
      'editPost',
      () => editPost(actor, post.id, { title: 'Edited', tags: ['d'] }),
      (p) => p?.title === 'Edited' && p.tags.join() === 'd',
    ],
    ['deletePost', () => deletePost(actor, post.id), (p) => p === null],
  ];

  describe.each(['before', 'after'] as const)('cut %s the statement', (at) => {
    it.each(writes)(
      '%s: all or nothing, one audit entry at most, and the pool goes on',
      async (_name, write, applied) => {
        const entries = (await auditLog(actor, post.id)).length;
        await arm(WRITE, at);
        await expectConnectionError(write());
        const after = await getPost(actor, post.id);
        expect(applied(after)).toBe(at === 'after');
        expect(await auditLog(actor, post.id)).toHaveLength(entries + (at === 'after' ? 1 : 0));
        // The next request on the same pool works, with no restart.
        expect(await getPost(actor, post.id)).toEqual(after);
      },
    );

    it('createPost: the post, its tags and its create entry all, or none', async () => {
      const title = `Created, cut ${at}`;
      await arm(WRITE, at);
      await expectConnectionError(createPost(actor, { title, published: true, tags: ['x', 'y'] }));
      const mine = await listPosts(actor, { authorId: actor.userId, limit: 100 });
      const created = mine.items.filter((p) => p.title === title);
      expect(created).toHaveLength(at === 'after' ? 1 : 0);
      for (const p of created) {
        expect(p.tags).toEqual(['x', 'y']);
        expect((await auditLog(actor, p.id)).map((e) => e.action)).toEqual(['create']);
      }
    });

    it('restorePost: restored with one entry, or still deleted', async () => {
      await deletePost(actor, post.id);
      await arm(WRITE, at);
      await expectConnectionError(restorePost(actor, post.id));
      expect((await getPost(actor, post.id)) !== null).toBe(at === 'after');
      const actions = (await auditLog(actor, post.id)).map((e) => e.action);
      expect(actions).toEqual(['create', 'delete', ...(at === 'after' ? ['restore'] : [])]);
    });
  });

  // Better Auth's sign-up: one transaction over WebSockets on either driver (client.ts § getAuthDb):
  // BEGIN, lookup, user, account, session, COMMIT.
  const signUpPoints: Array<[string, string, 'before' | 'after']> = [
    ['after BEGIN', 'select .* from "users"', 'before'],
    ['between statements', 'insert into "accounts"', 'before'],
    ['before COMMIT', '\\bcommit\\b', 'before'],
  ];

  it.each(signUpPoints)(
    'sign-up cut %s leaves no user behind: the same sign-up then succeeds',
    async (point, sql, at) => {
      const email = `signup-${point.replaceAll(' ', '-').toLowerCase()}@example.com`;
      await arm(sql, at, 'websocket');
      await expectConnectionError(signUpWithPassword({ email, name: 'Cut', password: PASSWORD }));
      expect(await emailInUse(email)).toBe(false);
      await signUpWithPassword({ email, name: 'Cut', password: PASSWORD });
      expect(await emailInUse(email)).toBe(true);
    },
  );
});
