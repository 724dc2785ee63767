export { auditLog } from './audit';
export { watchPostChanges, type LiveScope } from './live';
export { listPosts } from './post-listing';
export { createPost, deletePost, editPost, getPost, restorePost, setPostTags, updatePost } from './posts';
export { getProfile, upsertProfile } from './profiles';
export { listTags } from './tags';
export { deleteMe, getUser, me, signIn, signOut, signUp, updateMe } from './users';
