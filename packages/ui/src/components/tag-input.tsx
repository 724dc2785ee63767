'use client';

import { normalizeTag } from '@parity/domain';
import { useRef, useState, type KeyboardEvent } from 'react';
import { tagChipClass, inputClass } from '../classes';
import { Field } from './field';

interface TagInputProps {
  value: string[];
  onChange: (tags: string[]) => void;
  errors?: string[] | undefined;
  label?: string;
}

const SEPARATOR = ',';

/**
 * A list of tags edited with the keyboard: Enter or a comma adds what was typed (normalized as the
 * platforms store it), Backspace in the empty box removes the last tag, and every chip has its own
 * remove button. Invalid tags are kept so the platform's field error can name them.
 */
export function TagInput({ value, onChange, errors, label = 'Tags' }: TagInputProps) {
  const [draft, setDraft] = useState('');
  const [announcement, setAnnouncement] = useState('');
  const inputRef = useRef<HTMLInputElement>(null);

  function add(raw: string[]) {
    const added = raw.map(normalizeTag).filter((tag) => tag !== '' && !value.includes(tag));
    const unique = [...new Set(added)];
    if (unique.length === 0) return;
    onChange([...value, ...unique]);
    setAnnouncement(`Added ${unique.join(', ')}`);
  }

  function remove(tag: string) {
    onChange(value.filter((t) => t !== tag));
    setAnnouncement(`Removed ${tag}`);
  }

  function handleChange(text: string) {
    if (!text.includes(SEPARATOR)) return setDraft(text);
    const parts = text.split(SEPARATOR);
    add(parts.slice(0, -1));
    setDraft(parts.at(-1) ?? '');
  }

  function handleKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Enter') {
      event.preventDefault(); // adds a tag instead of submitting the form
      add([draft]);
      setDraft('');
    } else if (event.key === 'Backspace' && draft === '') {
      const last = value.at(-1);
      if (last !== undefined) remove(last);
    }
  }

  function commitDraft() {
    add([draft]);
    setDraft('');
  }

  return (
    <Field label={label} errors={errors} hint="Press Enter or comma to add a tag.">
      {(control) => (
        <div className="space-y-2">
          {value.length > 0 && (
            <ul aria-label={`Selected ${label.toLowerCase()}`} className="flex flex-wrap gap-2">
              {value.map((tag) => (
                <li key={tag} className={tagChipClass}>
                  {tag}
                  <button
                    type="button"
                    aria-label={`Remove tag ${tag}`}
                    onClick={() => {
                      remove(tag);
                      inputRef.current?.focus(); // the button goes away; keep focus in the widget
                    }}
                    className="rounded-full px-1 hover:bg-indigo-200 focus-visible:outline-2 focus-visible:outline-indigo-600"
                  >
                    ×
                  </button>
                </li>
              ))}
            </ul>
          )}
          <input
            {...control}
            ref={inputRef}
            type="text"
            value={draft}
            onChange={(event) => handleChange(event.target.value)}
            onKeyDown={handleKeyDown}
            onBlur={commitDraft}
            autoComplete="off"
            className={inputClass}
          />
          <p role="status" className="sr-only">
            {announcement}
          </p>
        </div>
      )}
    </Field>
  );
}
