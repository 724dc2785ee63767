import { fileURLToPath } from 'node:url';
import { checkErdFile, erdDocument, erdFromPostgres } from '@parity/erd';
import { expect, inject, it } from 'vitest';

it('ERD.md is the diagram of the migrated database', async () => {
  const diagram = await erdFromPostgres(inject('rlsDatabaseUrl'));
  const document = erdDocument(
    'Supabase: entity-relationship diagram',
    'the migrated PostgreSQL catalog',
    diagram,
  );
  const { committed, generated } = checkErdFile(
    fileURLToPath(new URL('../ERD.md', import.meta.url)),
    document,
  );
  expect(committed).toBe(generated);
});
