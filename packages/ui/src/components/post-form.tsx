'use client';

import type { Post } from '@parity/domain';
import { useState, type FormEvent } from 'react';
import type { ActionResult } from '../action-result';
import { inputClass, primaryButtonClass } from '../classes';
import { useAction } from '../use-action';
import { Field } from './field';
import { FormAlert } from './form-alert';
import { TagInput } from './tag-input';

export interface PostFormValues {
  title: string;
  content: string | null;
  published: boolean;
  tags: string[];
}

interface PostFormProps {
  /** The post being edited; omitted for a new post. */
  post?: Post;
  /** createPost, or editPost (fields and tags in one write). A server action may redirect on success. */
  onSubmit: (values: PostFormValues) => Promise<ActionResult<Post>>;
  /** Client-side follow-up (e.g. router.push) when the action does not navigate by itself. */
  onSaved?: (post: Post) => void;
}

const SHOWN_FIELDS = ['title', 'content', 'published', 'tags'] as const;

export function PostForm({ post, onSubmit, onSaved }: PostFormProps) {
  const [title, setTitle] = useState(post?.title ?? '');
  const [content, setContent] = useState(post?.content ?? '');
  const [published, setPublished] = useState(post?.published ?? false);
  const [tags, setTags] = useState<string[]>(post?.tags ?? []);
  const [saved, setSaved] = useState(false);
  const { error, pending, run } = useAction(onSubmit);
  const fields = error?.fields ?? {};

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    // An empty content box means "no content", which the contract spells null.
    run({ title, content: content === '' ? null : content, published, tags }, (savedPost) => {
      setSaved(true);
      onSaved?.(savedPost);
    });
  }

  return (
    <form onSubmit={handleSubmit} noValidate aria-busy={pending} className="space-y-4">
      <h1 className="text-2xl font-semibold">{post ? 'Edit post' : 'New post'}</h1>
      <FormAlert error={error} shownFields={SHOWN_FIELDS} />
      <Field label="Title" errors={fields.title}>
        {(control) => (
          <input
            {...control}
            name="title"
            required
            value={title}
            onChange={(event) => setTitle(event.target.value)}
            className={inputClass}
          />
        )}
      </Field>
      <Field label="Content" errors={fields.content}>
        {(control) => (
          <textarea
            {...control}
            name="content"
            rows={8}
            value={content}
            onChange={(event) => setContent(event.target.value)}
            className={inputClass}
          />
        )}
      </Field>
      <TagInput value={tags} onChange={setTags} errors={fields.tags} />
      <Field label="Published" errors={fields.published} hint="Drafts are visible to you only.">
        {(control) => (
          <input
            {...control}
            type="checkbox"
            name="published"
            checked={published}
            onChange={(event) => setPublished(event.target.checked)}
            className="size-4 rounded border-zinc-300 text-indigo-600"
          />
        )}
      </Field>
      <div className="flex items-center gap-3">
        <button type="submit" disabled={pending} className={primaryButtonClass}>
          {post ? 'Save changes' : 'Create post'}
        </button>
        {saved && !pending && <p role="status">Post saved.</p>}
      </div>
    </form>
  );
}
