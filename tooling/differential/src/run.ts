import type { Client, ListPostsQuery, Platform } from '@parity/contract';
import { ContractError } from '@parity/domain';
import type { Operation, PostRef, Sequence } from './operations';

/** One operation's outcome, with ids, timestamps and cursors replaced by sequence-local names. */
export type Outcome = unknown;

interface State {
  clients: Map<string, Client>;
  emails: string[];
  userIds: (string | null)[];
  postIds: string[];
  cursors: string[];
  names: Map<string, string>;
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Runs a sequence on an emptied platform: one normalized outcome per operation. */
export async function runSequence(platform: Platform, sequence: Sequence, run: string): Promise<Outcome[]> {
  await platform.reset();
  const state: State = {
    clients: new Map(),
    emails: [],
    userIds: [],
    postIds: [],
    cursors: [],
    names: new Map(),
  };
  state.emails = sequence.users.map((_, i) => `diff.${run}.${i}@example.com`);
  // Signed up together (distinct emails, nothing between them to order), named in index order.
  const clients = await Promise.all(
    sequence.users.map((name, i) => platform.signUp({ email: state.emails[i]!, name })),
  );
  for (const [i, client] of clients.entries()) {
    state.clients.set(`u${i}`, client);
    state.userIds.push((await client.me())!.id);
    nameOf(state, state.userIds[i]!, 'u');
  }
  state.clients.set('anon', platform.anonymous());
  const outcomes: Outcome[] = [];
  for (const operation of sequence.operations) {
    outcomes.push(await outcomeOf(() => perform(platform, state, operation), state));
  }
  return outcomes;
}

async function outcomeOf(call: () => Promise<unknown>, state: State): Promise<Outcome> {
  try {
    return { ok: normalize(await call(), state) };
  } catch (error) {
    if (error instanceof ContractError) {
      return { error: error.code, ...(error.fields && { fields: Object.keys(error.fields).sort() }) };
    }
    return { crash: error instanceof Error ? error.message : String(error) };
  }
}

function perform(platform: Platform, state: State, operation: Operation): Promise<unknown> {
  const client = state.clients.get(operation.as)!;
  switch (operation.op) {
    case 'me':
      return client.me();
    case 'listTags':
      return client.listTags();
    case 'deleteMe':
      return client.deleteMe();
    case 'signUpAgain':
      return signUpAgain(platform, state, operation.as);
    case 'getUser':
      return client.getUser(userId(state, operation.user));
    case 'getProfile':
      return client.getProfile(userId(state, operation.user));
    case 'updateMe':
      return client.updateMe(operation.patch);
    case 'upsertProfile':
      return client.upsertProfile(operation.input);
    case 'createPost':
      return client.createPost(operation.input as Parameters<Client['createPost']>[0]).then((post) => {
        state.postIds.push(post.id);
        return post;
      });
    case 'updatePost':
      return client.updatePost(postId(state, operation.target), operation.patch);
    case 'setPostTags':
      return client.setPostTags(postId(state, operation.target), operation.tags as string[]);
    case 'editPost':
      return client.editPost(postId(state, operation.target), operation.edit);
    case 'getPost':
      return client.getPost(postId(state, operation.target));
    case 'deletePost':
      return client.deletePost(postId(state, operation.target));
    case 'restorePost':
      return client.restorePost(postId(state, operation.target));
    case 'auditLog':
      return client.auditLog(postId(state, operation.target));
    case 'listPosts': {
      const { author, tag, limit, cursor } = operation.query;
      const query: ListPostsQuery = {
        ...(author !== undefined && { authorId: userId(state, author) }),
        ...(tag !== undefined && { tag }),
        ...(limit !== undefined && { limit }),
        ...(cursor !== undefined && { cursor: state.cursors[cursor] ?? null }),
      };
      return client.listPosts(query).then((page) => {
        if (page.nextCursor) state.cursors.push(page.nextCursor);
        return page;
      });
    }
  }
}

/** The same email signs up again (after deleteMe: a new user; before: CONFLICT). */
async function signUpAgain(platform: Platform, state: State, as: string): Promise<unknown> {
  if (as === 'anon') return null;
  const index = Number(as.slice(1));
  const client = await platform.signUp({ email: state.emails[index]!, name: `Again ${index}` });
  state.clients.set(as, client);
  const user = (await client.me())!;
  state.userIds[index] = user.id;
  return user;
}

function userId(state: State, index: number): string {
  return state.userIds[index % state.userIds.length] ?? 'not-an-id';
}

function postId(state: State, ref: PostRef): string {
  if ('bad' in ref) return ref.bad;
  if ('userIdOf' in ref) return userId(state, ref.userIdOf);
  // A post not created (yet) stands for a well-formed id that names nothing.
  return state.postIds[ref.post] ?? '00000000-0000-0000-0000-000000000001';
}

/** Sequence-local names for platform ids: u0, p1, a3… in order of first appearance. */
function nameOf(state: State, id: string, kind: string): string {
  let name = state.names.get(id);
  if (!name) {
    name = `${kind}${[...state.names.values()].filter((n) => n.startsWith(kind)).length}`;
    state.names.set(id, name);
  }
  return name;
}

const ID_KINDS: Record<string, string> = { id: '', authorId: 'u', userId: 'u', postId: 'p', actorId: 'u' };

/**
 * Ids become names; a cursor becomes `cursor`; timestamps keep only what the contract fixes:
 * ISO format, and whether a post's updatedAt is its createdAt or later. Posts listed with one createdAt
 * millisecond may legally come in either order, so they are sorted by name within it.
 */
function normalize(value: unknown, state: State, key = '', parent?: Record<string, unknown>): unknown {
  if (Array.isArray(value)) {
    const items = value.map((item) => normalize(item, state, '', undefined));
    return key === 'items' ? sortWithinMillisecond(value, items) : items;
  }
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    const kind =
      'title' in record ? 'p' : 'action' in record ? 'a' : 'email' in record || 'name' in record ? 'u' : '';
    return Object.fromEntries(
      Object.entries(record).map(([k, v]) => [
        k,
        k === 'id' && kind ? nameOf(state, String(v), kind) : normalize(v, state, k, record),
      ]),
    );
  }
  if (typeof value === 'string') {
    if (key === 'nextCursor') return 'cursor';
    if (key in ID_KINDS && ID_KINDS[key]) return nameOf(state, value, ID_KINDS[key]!);
    if (ISO.test(value)) {
      // Posts only: their stamps strictly increase per write; users' and profiles' need not.
      if (key === 'updatedAt' && parent && 'title' in parent && typeof parent['createdAt'] === 'string') {
        return value === parent['createdAt']
          ? 'ts:=createdAt'
          : value > parent['createdAt']
            ? 'ts:>createdAt'
            : 'ts:<createdAt';
      }
      return 'ts';
    }
  }
  return value;
}

function sortWithinMillisecond(raw: unknown[], items: unknown[]): unknown[] {
  const createdAt = (i: number) => String((raw[i] as { createdAt?: string }).createdAt);
  const order = items.map((_, i) => i);
  order.sort((a, b) => {
    const ca = createdAt(a);
    const cb = createdAt(b);
    if (ca !== cb) return ca < cb ? 1 : -1;
    return JSON.stringify(items[a]) < JSON.stringify(items[b]) ? -1 : 1;
  });
  return order.map((i) => items[i]);
}
