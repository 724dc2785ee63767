import { describe, expect, it } from 'vitest';
import { anonClient } from './clients';

// Every embedding form PostgREST documents, on fixtures/05_conformance.sql's people: a
// self-reference, two named foreign keys from best_friends, a column target also seen through a
// view, a junction, computed fields and computed relationships.
const from = (table: string) => anonClient().from(table);

describe('embedding: targets and hints', () => {
  it('a foreign key constraint name is a target', async () => {
    const { data, error } = await from('best_friends')
      .select('id, best_friends_first_user_fkey(name)')
      .eq('id', 1)
      .single();
    expect(error).toBeNull();
    expect(data).toEqual({ id: 1, best_friends_first_user_fkey: { name: 'Alan' } });
  });

  it('a constraint name, a column of either side or a junction is a hint', async () => {
    const byConstraint = await from('best_friends')
      .select('first:people!best_friends_first_user_fkey(name), second:people!second_user(name)')
      .eq('id', 1)
      .single();
    expect(byConstraint.data).toEqual({ first: { name: 'Alan' }, second: { name: 'Ada' } });
    const toMany = await from('people')
      .select('name, firsts:best_friends!first_user(id)')
      .eq('id', 4)
      .single();
    expect(toMany.data).toEqual({ name: 'Edsger', firsts: [{ id: 2 }] });
    const junction = await from('people').select('name, clubs!memberships(title)').eq('id', 3).single();
    expect(junction.data?.clubs).toHaveLength(2);
  });

  it('two foreign keys to one table without a hint: 300 PGRST201 with both candidates', async () => {
    const { error, status } = await from('best_friends').select('people(name)');
    expect(status).toBe(300);
    expect(error).toMatchObject({
      code: 'PGRST201',
      message: "Could not embed because more than one relationship was found for 'best_friends' and 'people'",
      hint: "Try changing 'people' to one of the following: 'people!best_friends_first_user_fkey', 'people!best_friends_second_user_fkey'. Find the desired relationship in the 'details' key.",
    });
    expect(error?.details).toContainEqual({
      cardinality: 'many-to-one',
      embedding: 'best_friends with people',
      relationship: 'best_friends_first_user_fkey using best_friends(first_user) and people(id)',
    });
  });

  it('a column target counts tables only, not views exposing the same column', async () => {
    const { data, error } = await from('handles').select('site, username(name)').eq('id', 1).single();
    expect(error).toBeNull();
    expect(data).toEqual({ site: 'github', username: { name: 'Ada' } });
    // The view is still reachable by its own name.
    const view = await from('handles').select('site, people_directory(name)').eq('id', 2).single();
    expect(view.data).toEqual({ site: 'mastodon', people_directory: { name: 'Alan' } });
  });

  it('a self-reference: the table name is one-to-many, the column many-to-one', async () => {
    const { data, error } = await from('people')
      .select('name, manager_id(name), people(name)')
      .eq('id', 1)
      .single();
    expect(error).toBeNull();
    expect(data).toEqual({ name: 'Grace', manager_id: null, people: [{ name: 'Alan' }, { name: 'Ada' }] });
    const report = await from('people').select('name, boss:manager_id(name)').eq('id', 4).single();
    expect(report.data).toEqual({ name: 'Edsger', boss: { name: 'Alan' } });
    const hinted = await from('people').select('name, staff:people!manager_id(name)').eq('id', 2).single();
    expect(hinted.data).toEqual({ name: 'Alan', staff: [{ name: 'Edsger' }] });
  });

  it('an unknown target or hint is 400 PGRST200', async () => {
    const { error, status } = await from('people').select('name, people!nope(name)');
    expect(status).toBe(400);
    expect(error).toMatchObject({
      code: 'PGRST200',
      details:
        "Searched for a foreign key relationship between 'people' and 'people' using the hint 'nope' in the schema 'public', but no matches were found.",
    });
  });
});

describe('embedding: shapes', () => {
  it('many-to-many through a junction, with !inner and embedded filters', async () => {
    const { data } = await from('people').select('name, clubs!inner(title)').eq('clubs.title', 'Rowing');
    expect(data).toEqual([{ name: 'Ada', clubs: [{ title: 'Rowing' }] }]);
  });

  it('!left keeps parents without a match, like no join type', async () => {
    const { data } = await from('people').select('name, clubs!left(title)').eq('id', 2).single();
    expect(data).toEqual({ name: 'Alan', clubs: [] });
  });

  it('an empty embed filters the parent without adding a key', async () => {
    const { data, error } = await from('people')
      .select('name, clubs!inner()')
      .eq('clubs.title', 'Chess')
      .order('id');
    expect(error).toBeNull();
    expect(data).toEqual([{ name: 'Grace' }, { name: 'Ada' }]);
  });

  it('embed=is.null and embed=not.is.null filter parents, also inside or()', async () => {
    const without = await from('people').select('name, clubs()').is('clubs', null).order('id');
    expect(without.data).toEqual([{ name: 'Alan' }, { name: 'Edsger' }]);
    const withManagerOrClub = await from('people')
      .select('name, boss:manager_id(), clubs()')
      .or('boss.is.null,clubs.not.is.null')
      .order('id');
    expect(withManagerOrClub.data).toEqual([{ name: 'Grace' }, { name: 'Ada' }]);
  });

  it('spreads a to-one embed next to an embed of the same table', async () => {
    const { data, error } = await from('best_friends')
      .select('id, ...people!first_user(first_name:name), second:people!second_user(name)')
      .eq('id', 2)
      .single();
    expect(error).toBeNull();
    expect(data).toEqual({ id: 2, first_name: 'Edsger', second: { name: 'Grace' } });
    // Two spreads of one table share PostgREST's subquery name too.
    const twice = await from('best_friends').select(
      '...people!first_user(first_name:name), ...people!second_user(second_name:name)',
    );
    expect(twice.error).toMatchObject({ code: '42712' });
  });

  it('two embeds under one key at one level are 42712, as PostgreSQL answers PostgREST', async () => {
    const { error, status } = await from('best_friends').select(
      'people!best_friends_first_user_fkey(name), people!best_friends_second_user_fkey(name)',
    );
    expect(status).toBe(400);
    expect(error).toMatchObject({
      code: '42712',
      message: 'table name "best_friends_people_1" specified more than once',
    });
    const aliased = await from('best_friends').select(
      'id, a:people!first_user(name), b:people!second_user(name)',
    );
    expect(aliased.error).toBeNull();
  });

  it('embeds through a view of the table', async () => {
    const { data } = await from('people_directory').select('name, handles(site)').eq('id', 3).single();
    expect(data).toEqual({ name: 'Ada', handles: [{ site: 'github' }] });
  });
});

describe('computed fields and computed relationships', () => {
  it('selects, filters and orders by a computed field', async () => {
    const { data, error } = await from('people')
      .select('id, display_name')
      .like('display_name', '*@a*')
      .order('display_name', { ascending: false });
    expect(error).toBeNull();
    expect(data).toEqual([
      { id: 2, display_name: 'Alan (@alan)' },
      { id: 3, display_name: 'Ada (@ada)' },
    ]);
  });

  it('select=* leaves computed fields out, as PostgREST does', async () => {
    const { data } = await from('people').select('*').eq('id', 1).single();
    expect(data).toEqual({ id: 1, name: 'Grace', username: 'grace', manager_id: null });
  });

  it('embeds a to-many and a (rows 1) to-one computed relationship', async () => {
    const { data, error } = await from('people')
      .select('name, boss(name), reports(name)')
      .eq('id', 2)
      .order('name', { referencedTable: 'reports' })
      .single();
    expect(error).toBeNull();
    expect(data).toEqual({ name: 'Alan', boss: { name: 'Grace' }, reports: [{ name: 'Edsger' }] });
  });

  it('filters a computed relationship like any embed', async () => {
    const { data } = await from('people')
      .select('name, reports!inner(name)')
      .eq('reports.name', 'Ada')
      .single();
    expect(data).toEqual({ name: 'Grace', reports: [{ name: 'Ada' }] });
  });
});
