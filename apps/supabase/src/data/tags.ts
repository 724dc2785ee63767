import type { Tag } from '@parity/domain';
import type { Supabase } from './supabase/types';
import { dataOrThrow } from './errors';

/** tag_counts counts published, live posts only and has no row for an unused tag. */
export async function listTags(supabase: Supabase): Promise<Tag[]> {
  const rows = dataOrThrow(
    await supabase
      .from('tag_counts')
      .select('name, post_count')
      .order('post_count', { ascending: false })
      .order('name', { ascending: true }),
  );
  return rows.map((row) => ({ name: row.name, postCount: row.post_count ?? 0 }));
}
