import { Transform, type TransformCallback } from 'node:stream';

const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const BACKSLASH = 0x5c;
const NUL = 0x00;

/**
 * Turns a raw log byte stream into ClickHouse TabSeparated rows `keys… \t line_no \t line`, splitting on
 * `\n` exactly as ClickHouse's LineAsString does (a final newline opens no new line) and escaping
 * at the byte level, so the bytes that reach the server are the file's bytes, valid UTF-8 or not.
 */
export class LinesToTsv extends Transform {
  private lineNo = 0;
  private readonly prefix: Buffer;

  /** @param keys the leading columns of every row (e.g. the load attempt and the file key the lines belong to) */
  constructor(...keys: string[]) {
    super();
    this.prefix = Buffer.concat(keys.flatMap((k) => [escapeTsv(Buffer.from(k)), Buffer.from('\t')]));
  }
  private pending: Buffer[] = [];

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    const out: Buffer[] = [];
    let start = 0;
    for (let i = chunk.indexOf(LF); i !== -1; i = chunk.indexOf(LF, start)) {
      this.pending.push(chunk.subarray(start, i));
      out.push(this.row(Buffer.concat(this.pending)));
      this.pending = [];
      start = i + 1;
    }
    if (start < chunk.length) this.pending.push(chunk.subarray(start));
    done(null, out.length ? Buffer.concat(out) : undefined);
  }

  override _flush(done: TransformCallback): void {
    const rest = Buffer.concat(this.pending);
    done(null, rest.length ? this.row(rest) : undefined);
  }

  /** Number of lines emitted so far. */
  get lines(): number {
    return this.lineNo;
  }

  private row(line: Buffer): Buffer {
    this.lineNo++;
    return Buffer.concat([this.prefix, Buffer.from(`${this.lineNo}\t`), escapeTsv(line), Buffer.from('\n')]);
  }
}

/** Escapes a field's bytes for TabSeparated input: backslash, tab, newline, carriage return, NUL. */
export function escapeTsv(bytes: Buffer): Buffer {
  let special = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === BACKSLASH || b === TAB || b === LF || b === CR || b === NUL) special++;
  }
  if (special === 0) return bytes;
  const out = Buffer.allocUnsafe(bytes.length + special);
  let j = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === BACKSLASH || b === TAB || b === LF || b === CR || b === NUL) {
      out[j++] = BACKSLASH;
      out[j++] = b === BACKSLASH ? BACKSLASH : b === TAB ? 0x74 : b === LF ? 0x6e : b === CR ? 0x72 : 0x30;
    } else out[j++] = b;
  }
  return out;
}
