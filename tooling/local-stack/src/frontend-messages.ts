const SSL_REQUEST_CODE = 80877103;
const GSSENC_REQUEST_CODE = 80877104;
const TERMINATE = 'X'.charCodeAt(0);
const STARTUP_HEADER_BYTES = 8; // int32 length, int32 protocol/request code
const TYPED_HEADER_BYTES = 5; // byte type, int32 length

/**
 * Follows PostgreSQL frontend message boundaries across WebSocket frames, so that the proxy can tell
 * a Terminate message from an 'X' byte inside other data (pg-protocol only parses backend messages).
 * Valid for plaintext sessions only: after an accepted SSLRequest the stream is opaque.
 */
export class FrontendMessageTracker {
  private awaitingStartup: boolean;
  private header: Buffer = Buffer.alloc(0);
  private bodyBytesLeft = 0;
  private messageType: number | undefined;

  /** `startupDone`: the stream starts after the startup message (a proxy that read it itself). */
  constructor({ startupDone = false } = {}) {
    this.awaitingStartup = !startupDone;
  }

  /** Feeds bytes the client sent; returns true once a complete Terminate message went by. */
  sawTerminate(chunk: Buffer): boolean {
    let offset = 0;
    while (offset < chunk.length) {
      if (this.bodyBytesLeft > 0) {
        const skipped = Math.min(this.bodyBytesLeft, chunk.length - offset);
        offset += skipped;
        this.bodyBytesLeft -= skipped;
        if (this.bodyBytesLeft === 0 && this.messageType === TERMINATE) return true;
        continue;
      }
      const headerBytes = this.awaitingStartup ? STARTUP_HEADER_BYTES : TYPED_HEADER_BYTES;
      const taken = chunk.subarray(offset, offset + headerBytes - this.header.length);
      offset += taken.length;
      // Headers split across frames are rare: copy only then.
      this.header = this.header.length === 0 ? taken : Buffer.concat([this.header, taken]);
      if (this.header.length < headerBytes) {
        this.header = Buffer.from(this.header);
        return false;
      }
      this.readHeader();
      if (this.bodyBytesLeft === 0 && this.messageType === TERMINATE) return true;
    }
    return false;
  }

  private readHeader(): void {
    if (this.awaitingStartup) {
      const code = this.header.readInt32BE(4);
      this.messageType = undefined;
      this.bodyBytesLeft = this.checkedLength(this.header.readInt32BE(0), STARTUP_HEADER_BYTES);
      // SSL/GSS negotiation requests are answered before the real startup message follows.
      this.awaitingStartup = code === SSL_REQUEST_CODE || code === GSSENC_REQUEST_CODE;
    } else {
      this.messageType = this.header[0];
      this.bodyBytesLeft = this.checkedLength(this.header.readInt32BE(1), TYPED_HEADER_BYTES - 1);
    }
    this.header = Buffer.alloc(0);
  }

  private checkedLength(length: number, countedHeaderBytes: number): number {
    if (length < countedHeaderBytes) throw new Error(`Invalid PostgreSQL message length ${length}`);
    return length - countedHeaderBytes;
  }
}
