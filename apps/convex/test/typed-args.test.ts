import type { FunctionArgs } from 'convex/server';
import { describe, expectTypeOf, it } from 'vitest';
import type { api } from '../convex/_generated/api';

// The functions' arguments are the domain's zod schemas (convex/lib/functions.ts): the generated
// `api` carries their input types, so a page or client passing a wrong shape fails to compile.
describe('the generated api types the arguments', () => {
  it('input objects have the fields of their domain schema', () => {
    type CreatePost = FunctionArgs<typeof api.posts.createPost>['post'];
    expectTypeOf<CreatePost['title']>().toEqualTypeOf<string>();
    expectTypeOf<CreatePost['tags']>().toEqualTypeOf<string[] | undefined>();
    expectTypeOf<FunctionArgs<typeof api.posts.editPost>['edit']['published']>().toEqualTypeOf<
      boolean | undefined
    >();
    expectTypeOf<FunctionArgs<typeof api.users.updateMe>['patch']>().toEqualTypeOf<{
      name?: string | undefined;
    }>();
  });

  it('ids are strings and a tag list is a list of strings', () => {
    expectTypeOf<FunctionArgs<typeof api.posts.setPostTags>>().toEqualTypeOf<{
      postId: string;
      tags: string[];
    }>();
  });
});
