import { TAG_CLOUD_SIZE, type Tag } from '@parity/domain';
import type { DatabaseReader } from '../_generated/server';

/**
 * The tag cloud: the TAG_CLOUD_SIZE tags with most published, live posts, postCount desc then
 * name asc. An index orders every field one way, so it walks the counts downwards and reads each
 * count's tags upwards by name: at most TAG_CLOUD_SIZE tags, plus one probe per distinct count.
 */
export async function tagCloud(db: DatabaseReader): Promise<Tag[]> {
  const cloud: Tag[] = [];
  let below: number | null = null;
  while (cloud.length < TAG_CLOUD_SIZE) {
    const next = await db
      .query('tags')
      .withIndex('by_post_count', (q) =>
        below === null ? q.gt('postCount', 0) : q.gt('postCount', 0).lt('postCount', below),
      )
      .order('desc')
      .first();
    if (!next) break;
    const sameCount = await db
      .query('tags')
      .withIndex('by_post_count', (q) => q.eq('postCount', next.postCount))
      .take(TAG_CLOUD_SIZE - cloud.length);
    cloud.push(...sameCount.map(({ name, postCount }) => ({ name, postCount })));
    below = next.postCount;
  }
  return cloud;
}
