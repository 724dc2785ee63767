import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAULTS_PATH, FaultSwitch } from '../src/index';

interface PathFault {
  path: string;
  at: 'before' | 'after';
}

const faults = new FaultSwitch<PathFault>({
  isRule: (value): value is PathFault => {
    const rule = value as Partial<PathFault> | null;
    return typeof rule?.path === 'string' && (rule.at === 'before' || rule.at === 'after');
  },
  pattern: (rule) => new RegExp(rule.path),
  example: '{"path": "<regexp>", "at": "before" | "after"}',
});

let server: Server;
let url: string;

beforeAll(async () => {
  server = createServer((request, response) => void faults.handle(request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${FAULTS_PATH}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const post = (body: string) => fetch(url, { method: 'POST', body });
const report = async () => (await (await fetch(url)).json()) as { armed: PathFault[]; fired: PathFault[] };

describe('the fault switch', () => {
  it('arms rules that each fire once, on the first work they match, and reports them', async () => {
    const rules: PathFault[] = [
      { path: '^/a$', at: 'before' },
      { path: '^/a$', at: 'after' },
    ];
    expect((await post(JSON.stringify({ faults: rules }))).status).toBe(204);
    expect(await report()).toEqual({ armed: rules, fired: [] });
    const take = (path: string) => faults.take((_rule, pattern) => pattern.test(path));
    expect(take('/b')).toBeUndefined();
    expect([take('/a'), take('/a'), take('/a')]).toEqual(['before', 'after', undefined]);
    expect(await report()).toEqual({ armed: [], fired: rules });
  });

  it('replaces what was armed on POST and clears it on DELETE', async () => {
    await post(JSON.stringify({ faults: [{ path: 'x', at: 'before' }] }));
    await post(JSON.stringify({ faults: [{ path: 'y', at: 'after' }] }));
    expect((await report()).armed).toEqual([{ path: 'y', at: 'after' }]);
    expect((await fetch(url, { method: 'DELETE' })).status).toBe(204);
    expect(await report()).toEqual({ armed: [], fired: [] });
  });

  it('refuses rules it cannot arm, saying what it expects, and other methods', async () => {
    for (const body of [
      'not json',
      '{}',
      '{"faults": [{"path": "x", "at": "later"}]}',
      '{"faults": [{"path": "(", "at": "before"}]}',
    ]) {
      const response = await post(body);
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({
        message: 'expected {"faults": [{"path": "<regexp>", "at": "before" | "after"}]}',
      });
    }
    expect((await fetch(url, { method: 'PUT' })).status).toBe(405);
  });
});
