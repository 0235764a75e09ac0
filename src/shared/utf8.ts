/**
 * A string's UTF-8 bytes, for the large writes (a report's chunks to stdout, a file's content).
 * Node 20's `Buffer.from(text)` takes a slow path for long strings: measured on 100 strings of
 * 0.8 MB, 471 ms, where sizing the buffer and writing into it took 35 ms; at 1M applications the
 * JSON report's ~750 MB spent ~10 s of a 100 s run in it.
 */
export function utf8Bytes(text: string): Buffer {
  const bytes = Buffer.allocUnsafe(Buffer.byteLength(text, 'utf8'));
  bytes.write(text, 0, 'utf8');
  return bytes;
}

/**
 * Pieces of text as UTF-8 in batches of about `size` bytes: each piece is written into the batch
 * (no concatenated string is made), a piece longer than a batch goes on its own. With `reuse`,
 * one buffer serves every batch and a batch is valid only until the next is asked for (a caller
 * that writes each before asking on); without, every batch is its own (a stream that keeps it).
 */
export function* utf8Batches(pieces: Iterable<string>, options: { readonly size?: number; readonly reuse: boolean }): Generator<Buffer> {
  const size = options.size ?? 1 << 20;
  let buffer = Buffer.allocUnsafe(size);
  let used = 0;
  for (const piece of pieces) {
    // A UTF-16 code unit takes at most 3 bytes of UTF-8.
    if (used + piece.length * 3 > size) {
      if (used > 0) {
        yield buffer.subarray(0, used);
        if (!options.reuse) buffer = Buffer.allocUnsafe(size);
      }
      used = 0;
      if (piece.length * 3 > size) {
        yield utf8Bytes(piece);
        continue;
      }
    }
    used += buffer.write(piece, used, 'utf8');
  }
  if (used > 0) yield buffer.subarray(0, used);
}
