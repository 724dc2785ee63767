export {
  actionFailure,
  actionSuccess,
  runAction,
  type ActionError,
  type ActionResult,
} from './action-result';
export { LinkProvider, type LinkComponent, type LinkProps } from './link';
export { POSTS_PER_PAGE, routes } from './routes';
export { useLiveRefresh } from './use-live-refresh';
export { AppHeader, type SiblingApp } from './components/app-header';
export { AuditLog } from './components/audit-log';
export { SignInForm, SignUpForm, type SignInValues, type SignUpValues } from './components/auth-forms';
export { DeletedPostNotice, RestoreButton } from './components/deleted-post-notice';
export { ErrorNotice, FormAlert } from './components/form-alert';
export { NotFoundNotice } from './components/not-found-notice';
export { HomeHeading, UserPostsSection, isOwnDeletedPost } from './components/page-parts';
export { PostCard } from './components/post-card';
export { PostForm, type PostFormValues } from './components/post-form';
export { PostList } from './components/post-list';
export { PostView } from './components/post-view';
export { ProfileView } from './components/profile';
export { ProfileForm, type ProfileFormValues } from './components/profile-form';
export { TagCloud } from './components/tag-cloud';
export { TagFilter } from './components/tag-filter';
export { TagInput } from './components/tag-input';
