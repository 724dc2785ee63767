// @vitest-environment node
import { fileURLToPath } from 'node:url';
import { checkErdFile, erdDocument, erdFromConvexSchema } from '@parity/erd';
import { expect, it } from 'vitest';
import schema from '../convex/schema';

it('ERD.md is the diagram of convex/schema.ts', () => {
  const diagram = erdFromConvexSchema(schema);
  const document = erdDocument('Convex: entity-relationship diagram', '`convex/schema.ts`', diagram);
  const { committed, generated } = checkErdFile(
    fileURLToPath(new URL('../ERD.md', import.meta.url)),
    document,
  );
  expect(committed).toBe(generated);
});
