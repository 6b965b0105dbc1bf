/**
 * Collects output lines as UTF-8 bytes in fixed-size Buffers.
 *
 * Encoding each line as soon as it is made lets the line's string die young
 * (cheap minor GC); keeping millions of strings alive until a day is written
 * and then joining them cost more than generating them.
 */
export class ChunkSink {
  private readonly chunks: Buffer[] = [];
  private buf: Buffer;
  private off = 0;

  constructor(private readonly chunkSize = 256 * 1024) {
    this.buf = Buffer.allocUnsafe(chunkSize);
  }

  push(text: string): void {
    // UTF-8 needs at most 3 bytes per UTF-16 unit, so this bound never overflows.
    const worst = text.length * 3;
    if (this.off + worst > this.buf.length) {
      this.seal();
      this.buf = Buffer.allocUnsafe(Math.max(this.chunkSize, worst));
    }
    this.off += this.buf.write(text, this.off, 'utf8');
  }

  /** The bytes written so far, in order. The sink must not be used afterwards. */
  finish(): Buffer[] {
    this.seal();
    return this.chunks;
  }

  private seal(): void {
    if (this.off > 0) this.chunks.push(this.buf.subarray(0, this.off));
    this.off = 0;
  }
}
