import { ContractError } from '@parity/domain';
import { describe, expect, it } from 'vitest';
import { actionFailure, runAction } from './action-result';

describe('runAction', () => {
  it('wraps the value of a successful call', async () => {
    await expect(runAction(async () => 42)).resolves.toEqual({ ok: true, data: 42 });
  });

  it('turns a thrown ContractError into plain error data, fields included', async () => {
    const result = await runAction(async () => {
      throw ContractError.validation({ title: ['Required'] });
    });
    expect(result).toEqual({
      ok: false,
      error: { code: 'VALIDATION', message: 'Invalid input', fields: { title: ['Required'] } },
    });
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  it('rethrows anything that is not a ContractError (bugs, framework redirects)', async () => {
    const redirect = Object.assign(new Error('NEXT_REDIRECT'), { digest: 'NEXT_REDIRECT;replace;/;307;' });
    await expect(
      runAction(async () => {
        throw redirect;
      }),
    ).rejects.toBe(redirect);
    expect(() => actionFailure('boom')).toThrow();
  });
});
