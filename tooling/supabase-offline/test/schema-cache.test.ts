import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { anonClient } from './clients';

async function asSuperuser(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: inject('databaseUrl') });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

describe('schema cache', () => {
  it('finds a table and a function created after the API started', async () => {
    const suffix = randomBytes(4).toString('hex');
    await asSuperuser(`
      create table public.late_${suffix} (id integer primary key, label text);
      insert into public.late_${suffix} values (1, 'late');
      grant select on public.late_${suffix} to anon;
      create function public.late_fn_${suffix}(x integer) returns integer language sql as 'select x * 2';`);
    const { data, error } = await anonClient().from(`late_${suffix}`).select('label');
    expect(error).toBeNull();
    expect(data).toEqual([{ label: 'late' }]);
    expect((await anonClient().rpc(`late_fn_${suffix}`, { x: 21 })).data).toBe(42);
  });

  it('sees a column added after the API started', async () => {
    const suffix = randomBytes(4).toString('hex');
    await asSuperuser(
      `create table public.grow_${suffix} (id integer primary key); grant select on public.grow_${suffix} to anon;`,
    );
    expect((await anonClient().from(`grow_${suffix}`).select('id')).data).toEqual([]);
    await asSuperuser(
      `alter table public.grow_${suffix} add column extra text default 'x'; insert into public.grow_${suffix} (id) values (1);`,
    );
    expect((await anonClient().from(`grow_${suffix}`).select('extra')).data).toEqual([{ extra: 'x' }]);
  });
});
