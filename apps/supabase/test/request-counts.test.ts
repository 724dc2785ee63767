import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import * as data from '../src/data';
import { createSupabaseClient, type Supabase } from '../src/data/supabase/node';

const target = inject('supabase');

/** A caller whose client counts the HTTP requests it sends (PostgREST and GoTrue alike). */
function countingCaller() {
  let requests = 0;
  const supabase = createSupabaseClient({
    url: target.url,
    key: target.anonKey,
    fetch: (input, init) => {
      requests++;
      return fetch(input, init);
    },
  });
  /** How many requests `operation` made. */
  async function requestsOf(operation: (supabase: Supabase) => Promise<unknown>): Promise<number> {
    const before = requests;
    await operation(supabase).catch(() => undefined);
    return requests - before;
  }
  return { supabase, requestsOf };
}

async function signedUpCaller(name: string) {
  const caller = countingCaller();
  const signUpRequests = await caller.requestsOf((supabase) =>
    data.signUp(supabase, { email: `count.${randomUUID()}@example.com`, name }, randomUUID()),
  );
  const user = await data.me(caller.supabase);
  if (!user) throw new Error('sign-up failed');
  return { ...caller, user, signUpRequests };
}

// The round trips of each contract operation, kept as a regression test: a data-layer change
// that adds a request to an operation shows up here.
describe('HTTP requests per operation', () => {
  it('every successful operation takes one request, except two that need a second', async () => {
    const author = await signedUpCaller('Author');
    const { requestsOf, supabase } = author;
    const post = await data.createPost(supabase, { title: 'Counted', published: true, tags: ['a'] });

    const counts = {
      signUp: author.signUpRequests,
      me: await requestsOf((s) => data.me(s)),
      getUser: await requestsOf((s) => data.getUser(s, author.user.id)),
      updateMe: await requestsOf((s) => data.updateMe(s, { name: 'Renamed' })),
      getProfile: await requestsOf((s) => data.getProfile(s, author.user.id)),
      upsertProfile: await requestsOf((s) => data.upsertProfile(s, { bio: 'hi' })),
      upsertProfileEmpty: await requestsOf((s) => data.upsertProfile(s, {})),
      createPost: await requestsOf((s) => data.createPost(s, { title: 'T', tags: ['x', 'y'] })),
      getPost: await requestsOf((s) => data.getPost(s, post.id)),
      updatePost: await requestsOf((s) => data.updatePost(s, post.id, { title: 'New' })),
      setPostTags: await requestsOf((s) => data.setPostTags(s, post.id, ['b'])),
      editPost: await requestsOf((s) => data.editPost(s, post.id, { title: 'Edited', tags: ['b', 'c'] })),
      deletePost: await requestsOf((s) => data.deletePost(s, post.id)),
      restorePost: await requestsOf((s) => data.restorePost(s, post.id)),
      listPosts: await requestsOf((s) => data.listPosts(s, { tag: 'b', limit: 5 })),
      listTags: await requestsOf((s) => data.listTags(s)),
      auditLog: await requestsOf((s) => data.auditLog(s, post.id)),
      deleteMe: await requestsOf((s) => data.deleteMe(s)),
    };
    expect(counts).toEqual({
      signUp: 1,
      me: 1,
      getUser: 1,
      updateMe: 1,
      getProfile: 1,
      upsertProfile: 1,
      // ON CONFLICT DO NOTHING returns no row for an existing profile, so it is read back
      upsertProfileEmpty: 2,
      createPost: 1,
      getPost: 1,
      updatePost: 1,
      setPostTags: 1,
      editPost: 1,
      deletePost: 1,
      restorePost: 1,
      listPosts: 1,
      listTags: 1,
      auditLog: 1,
      // the delete_me rpc, then GoTrue's logout
      deleteMe: 2,
    });
  });

  it('a refused write reads the post once more to tell FORBIDDEN from NOT_FOUND', async () => {
    const author = await signedUpCaller('Author');
    const other = await signedUpCaller('Other');
    const post = await data.createPost(author.supabase, { title: 'Theirs', published: true });
    expect({
      updatePost: await other.requestsOf((s) => data.updatePost(s, post.id, { title: 'Mine' })),
      deletePost: await other.requestsOf((s) => data.deletePost(s, post.id)),
      setPostTags: await other.requestsOf((s) => data.setPostTags(s, post.id, ['mine'])),
      editPost: await other.requestsOf((s) => data.editPost(s, post.id, { tags: ['mine'] })),
      auditLog: await other.requestsOf((s) => data.auditLog(s, post.id)),
      anonymousWrite: await countingCaller().requestsOf((s) => data.createPost(s, { title: 'Anon' })),
    }).toEqual({ updatePost: 2, deletePost: 2, setPostTags: 1, editPost: 1, auditLog: 2, anonymousWrite: 0 });
  });
});
