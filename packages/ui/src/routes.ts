/**
 * The page contract every Parity app implements (tooling/e2e/README.md), so components link to
 * the same URLs in all three apps and the end-to-end suite can navigate them.
 */
export const routes = {
  home: '/',
  tag: (tag: string) => `/?tag=${encodeURIComponent(tag)}`,
  signUp: '/signup',
  signIn: '/signin',
  newPost: '/posts/new',
  post: (id: string) => `/posts/${encodeURIComponent(id)}`,
  editPost: (id: string) => `/posts/${encodeURIComponent(id)}/edit`,
  user: (id: string) => `/users/${encodeURIComponent(id)}`,
  me: '/me',
} as const;

/** Posts per page on every list page; pages pass it as `limit` to listPosts. */
export const POSTS_PER_PAGE = 10;
