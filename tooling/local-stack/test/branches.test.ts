import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { branchDatabase, dropDatabase } from '../src/databases';
import { startPostgres, type PostgresServer } from '../src/index';

describe('branchDatabase (parity-stack branch)', () => {
  let server: PostgresServer;
  let source: pg.Pool;

  beforeAll(async () => {
    server = await startPostgres();
    source = new pg.Pool({ connectionString: await server.createDatabase('dev') });
    source.on('error', () => undefined); // its sessions are ended by the branching, as a dev app's would be
    await source.query("create table notes (body text); insert into notes values ('on dev')");
    return async () => {
      await source.end();
      await server.stop();
    };
  });

  const rows = async (pool: pg.Pool) =>
    (await pool.query<{ body: string }>('select body from notes order by body')).rows;

  it('copies schema and data while the source has open sessions; the copy then diverges on its own', async () => {
    await source.query('select 1'); // an idle session on the source, as a running app keeps
    await branchDatabase(server.url(), 'dev', 'pr_42');
    const branch = new pg.Pool({ connectionString: server.url('pr_42') });
    try {
      expect(await rows(branch)).toEqual([{ body: 'on dev' }]);
      await branch.query("insert into notes values ('only on the branch')");
      expect(await rows(source)).toEqual([{ body: 'on dev' }]); // the source pool reconnects
      expect(await rows(branch)).toHaveLength(2);
    } finally {
      await branch.end();
    }
    await dropDatabase(server.url(), 'pr_42');
    await expect(server.createDatabase('pr_42')).resolves.toContain('/pr_42'); // the name is free again
  });

  it('refuses a branch name that exists, and leaves the source open to sessions', async () => {
    await branchDatabase(server.url(), 'dev', 'taken');
    await expect(branchDatabase(server.url(), 'dev', 'taken')).rejects.toThrow('already exists');
    expect(await rows(source)).toEqual([{ body: 'on dev' }]);
  });
});
