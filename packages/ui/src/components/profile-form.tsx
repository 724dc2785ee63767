'use client';

import { RULES, type Profile } from '@parity/domain';
import { useState, type FormEvent } from 'react';
import type { ActionResult } from '../action-result';
import { inputClass, primaryButtonClass } from '../classes';
import { useAction } from '../use-action';
import { Field } from './field';
import { FormAlert } from './form-alert';

export interface ProfileFormValues {
  bio: string | null;
  avatarUrl: string | null;
}

interface ProfileFormProps {
  profile: Profile | null;
  /** upsertProfile with both fields; an empty box clears the field (null). */
  onSubmit: (values: ProfileFormValues) => Promise<ActionResult<Profile>>;
}

export function ProfileForm({ profile, onSubmit }: ProfileFormProps) {
  const [bio, setBio] = useState(profile?.bio ?? '');
  const [avatarUrl, setAvatarUrl] = useState(profile?.avatarUrl ?? '');
  const [saved, setSaved] = useState(false);
  const { error, pending, run } = useAction(onSubmit);
  const fields = error?.fields ?? {};

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    run({ bio: bio === '' ? null : bio, avatarUrl: avatarUrl === '' ? null : avatarUrl }, () =>
      setSaved(true),
    );
  }

  return (
    <form onSubmit={handleSubmit} noValidate aria-busy={pending} className="max-w-lg space-y-4">
      <h1 className="text-2xl font-semibold">Your profile</h1>
      <FormAlert error={error} shownFields={['bio', 'avatarUrl']} />
      <Field label="Bio" errors={fields.bio} hint={`At most ${RULES.bio.max} characters.`}>
        {(control) => (
          <textarea
            {...control}
            name="bio"
            rows={4}
            value={bio}
            onChange={(event) => setBio(event.target.value)}
            className={inputClass}
          />
        )}
      </Field>
      <Field label="Avatar URL" errors={fields.avatarUrl} hint="An https:// address of an image.">
        {(control) => (
          <input
            {...control}
            type="url"
            name="avatarUrl"
            value={avatarUrl}
            onChange={(event) => setAvatarUrl(event.target.value)}
            className={inputClass}
          />
        )}
      </Field>
      <div className="flex items-center gap-3">
        <button type="submit" disabled={pending} className={primaryButtonClass}>
          Save profile
        </button>
        {saved && !pending && <p role="status">Profile saved.</p>}
      </div>
    </form>
  );
}
