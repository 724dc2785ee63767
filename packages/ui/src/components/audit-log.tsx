import type { AuditEntry } from '@parity/domain';
import { useId } from 'react';
import { formatTimestamp } from '../format';

const ACTION_LABELS: Record<AuditEntry['action'], string> = {
  create: 'Created',
  update: 'Edited',
  delete: 'Deleted',
  restore: 'Restored',
  tags: 'Tags changed',
};

/** A post's history, oldest first, as auditLog returns it (shown to the author only). */
export function AuditLog({ entries }: { entries: AuditEntry[] }) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="space-y-2">
      <h2 id={headingId} className="text-lg font-semibold">
        History
      </h2>
      <table className="w-full text-left text-sm">
        <thead className="text-zinc-600">
          <tr>
            <th scope="col" className="py-1 pr-4 font-medium">
              Action
            </th>
            <th scope="col" className="py-1 pr-4 font-medium">
              When
            </th>
            <th scope="col" className="py-1 font-medium">
              Changes
            </th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id} className="border-t border-zinc-100 align-top">
              <td className="py-1 pr-4">{ACTION_LABELS[entry.action]}</td>
              <td className="py-1 pr-4">
                <time dateTime={entry.at}>{formatTimestamp(entry.at)}</time>
              </td>
              <td className="py-1">
                <ul>
                  {Object.entries(entry.changes).map(([field, change]) => (
                    <li key={field}>
                      {field}: {formatValue(change.from)} → {formatValue(change.to)}
                    </li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function formatValue(value: unknown): string {
  if (value === null || value === undefined) return '(none)';
  if (Array.isArray(value)) return value.length ? value.join(', ') : '(none)';
  if (typeof value === 'string') return `“${value}”`;
  return String(value);
}
