import { describe, expect, it } from 'vitest';
import { FrontendMessageTracker } from '../src/frontend-messages';

const int32 = (value: number) => {
  const bytes = Buffer.alloc(4);
  bytes.writeInt32BE(value);
  return bytes;
};
const startup = Buffer.concat([int32(8), int32(196608)]);
const sslRequest = Buffer.concat([int32(8), int32(80877103)]);
const terminate = Buffer.concat([Buffer.from('X'), int32(4)]);
const query = (sql: string) =>
  Buffer.concat([Buffer.from('Q'), int32(4 + Buffer.byteLength(sql) + 1), Buffer.from(`${sql}\0`)]);

describe('FrontendMessageTracker', () => {
  it('spots Terminate after the startup message, even one byte per frame', () => {
    const tracker = new FrontendMessageTracker();
    const stream = Buffer.concat([startup, query('select 1'), terminate]);
    const seen = [...stream].map((byte) => tracker.sawTerminate(Buffer.from([byte])));
    expect(seen.indexOf(true)).toBe(stream.length - 1);
  });

  it('ignores the bytes of a Terminate message inside a query', () => {
    const tracker = new FrontendMessageTracker();
    expect(tracker.sawTerminate(Buffer.concat([startup, query("select 'X\0\0\0\x04'")]))).toBe(false);
  });

  it('expects the real startup message after an SSLRequest', () => {
    const tracker = new FrontendMessageTracker();
    expect(tracker.sawTerminate(sslRequest)).toBe(false);
    expect(tracker.sawTerminate(Buffer.concat([startup, terminate]))).toBe(true);
  });

  it('rejects a message length shorter than its own header', () => {
    const tracker = new FrontendMessageTracker();
    expect(() => tracker.sawTerminate(Buffer.concat([startup, Buffer.from('Q'), int32(2)]))).toThrow(
      'Invalid PostgreSQL message length 2',
    );
  });
});
