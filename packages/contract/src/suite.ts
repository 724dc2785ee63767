import { describe } from 'vitest';
import type { CreatePlatform } from './platform';
import { describeAccountDeletion } from './suite/account-deletion';
import { describeAudit } from './suite/audit';
import { describeConcurrency } from './suite/concurrency';
import { describeEdit } from './suite/edit';
import { describeFuzz } from './suite/fuzz';
import { describeHostileInput } from './suite/hostile-input';
import { useContractContext } from './suite/context';
import { describeListing } from './suite/listing';
import { describePostVisibility } from './suite/posts-visibility';
import { describePostWrites } from './suite/posts-writes';
import { describeProfiles } from './suite/profiles';
import { describeTags } from './suite/tags';
import { describeUsers } from './suite/users';

/**
 * The whole contract (SPEC.md §3–5) against one platform. An app's test file is only
 * `describeContract(createPlatform)`; nothing here knows which platform it runs on.
 */
export function describeContract(createPlatform: CreatePlatform): void {
  // Writes go over a network to a real backend; a generous per-test budget keeps CI honest.
  describe('Parity contract', { timeout: 30_000 }, () => {
    const ctx = useContractContext(createPlatform);
    describeUsers(ctx);
    describeProfiles(ctx);
    describePostWrites(ctx);
    describeEdit(ctx);
    describePostVisibility(ctx);
    describeListing(ctx);
    describeTags(ctx);
    describeAudit(ctx);
    describeAccountDeletion(ctx);
    describeConcurrency(ctx);
    describeHostileInput(ctx);
    describeFuzz(ctx);
  });
}
