/**
 * Exercise 4's data (workshop/04-published-at): posts written before publishedAt existed, in every
 * state the old schema allows, and what each must look like after the change (SPEC.md §5).
 */

export const AUTHOR = { id: '00000000-0000-4000-8000-000000000001', email: 'ada@example.com', name: 'Ada' };

export interface OldPost {
  id: string;
  title: string;
  content: string | null;
  published: boolean;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
}

export const OLD_POSTS: OldPost[] = [
  {
    id: '00000000-0000-4000-8000-0000000000a1',
    title: 'Published at creation, edited since',
    content: 'Old news',
    published: true,
    createdAt: '2026-01-01T10:00:00.123Z',
    updatedAt: '2026-01-03T08:30:00.456Z',
    deletedAt: null,
  },
  {
    id: '00000000-0000-4000-8000-0000000000a2',
    title: 'Still a draft',
    content: null,
    published: false,
    createdAt: '2026-01-02T11:00:00.000Z',
    updatedAt: '2026-01-02T11:00:00.000Z',
    deletedAt: null,
  },
  {
    id: '00000000-0000-4000-8000-0000000000a3',
    title: 'Published, then deleted',
    content: 'Gone',
    published: true,
    createdAt: '2026-01-04T12:00:00.000Z',
    updatedAt: '2026-01-05T12:00:00.000Z',
    deletedAt: '2026-01-05T12:00:00.000Z',
  },
  {
    id: '00000000-0000-4000-8000-0000000000a4',
    title: 'A deleted draft',
    content: 'Never out',
    published: false,
    createdAt: '2026-01-06T12:00:00.000Z',
    updatedAt: '2026-01-07T12:00:00.000Z',
    deletedAt: '2026-01-07T12:00:00.000Z',
  },
];

/** SPEC.md §5: a post from before the field carries its creation time when published, else null. */
export function expectedPublishedAt<T>(post: { published: boolean }, createdAt: T): T | null {
  return post.published ? createdAt : null;
}
