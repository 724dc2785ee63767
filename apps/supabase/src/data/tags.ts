import { TAG_CLOUD_SIZE, type Tag } from '@parity/domain';
import type { Supabase } from './supabase/types';
import { dataOrThrow } from './errors';

/**
 * The tag cloud: the TAG_CLOUD_SIZE tags with most published, live posts (post_count, kept by
 * triggers), postCount desc then name asc; unused tags are left out.
 */
export async function listTags(supabase: Supabase): Promise<Tag[]> {
  const rows = dataOrThrow(
    await supabase
      .from('tags')
      .select('name, post_count')
      .gt('post_count', 0)
      .order('post_count', { ascending: false })
      .order('name', { ascending: true })
      .limit(TAG_CLOUD_SIZE),
  );
  return rows.map((row) => ({ name: row.name, postCount: row.post_count }));
}
