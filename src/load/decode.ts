/**
 * Reading a file's bytes as text, as a stream, hashing the bytes on the way.
 *
 * UTF-8 is decoded with a fatal decoder, so a byte that is not UTF-8 stops the read with a
 * NotUtf8Error instead of turning into U+FFFD; the loader then either restarts the file as
 * Windows-1252 (`auto`) or reports the line (`utf-8`). A UTF-8 BOM is stripped. Windows-1252 is a
 * single-byte code, so each chunk decodes on its own.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import iconv from 'iconv-lite';

export type TextEncoding = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';

/**
 * (v2) A UTF-16 byte order mark at the start of a file: what Excel's "Unicode Text" save writes
 * (UTF-16LE, tab-separated). UTF-16 is never guessed without one.
 */
export function utf16Bom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

export class NotUtf8Error extends Error {
  override readonly name = 'NotUtf8Error';
}

/** Filled in while a file is read; complete once the read ends. */
export interface ReadInfo {
  sha256: string | null;
  /** The file started with a UTF-8 byte order mark. */
  bom: boolean;
  bytes: number;
}

const CHUNK = 1 << 20;

export async function* decodeFile(file: string, encoding: TextEncoding, info: ReadInfo): AsyncGenerator<string> {
  const hash = createHash('sha256');
  // A fatal decoder: a byte (or, in UTF-16, an unpaired surrogate) that is not of the encoding
  // stops the read. TextDecoder drops a leading BOM of its own encoding.
  const decoder = encoding === 'windows-1252' ? null : new TextDecoder(encoding, { fatal: true });
  let first = true;
  info.bytes = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: CHUNK }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    info.bytes += chunk.length;
    if (first) {
      info.bom = chunk.length >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf;
      first = false;
    }
    if (decoder === null) {
      yield iconv.decode(chunk, 'windows-1252');
      continue;
    }
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      throw new NotUtf8Error(encoding === 'utf-8' ? 'not UTF-8' : `not ${encoding.toUpperCase()}`);
    }
    yield text;
  }
  if (decoder !== null) {
    let rest: string;
    try {
      rest = decoder.decode();
    } catch {
      throw new NotUtf8Error('not UTF-8 (the file ends inside a character)');
    }
    if (rest.length > 0) yield rest;
  }
  info.sha256 = hash.digest('hex');
}

/** Offset of the first byte that does not belong to a well-formed UTF-8 sequence, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const c = bytes[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      if (c === 0xe0) lo = 0xa0;
      else if (c === 0xed) hi = 0x9f; // no surrogates
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      if (c === 0xf0) lo = 0x90;
      else if (c === 0xf4) hi = 0x8f;
    } else return i;
    const second = bytes[i + 1];
    if (second === undefined || second < lo || second > hi) return i;
    for (let k = 2; k <= need; k++) {
      const b = bytes[i + k];
      if (b === undefined || b < 0x80 || b > 0xbf) return i;
    }
    i += need + 1;
  }
  return -1;
}

/** Physical line (1-based; LF, CRLF and lone CR each end one) of a byte offset. */
export function lineOfOffset(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) {
    const b = bytes[i];
    if (b === 0x0a) line++;
    else if (b === 0x0d && bytes[i + 1] !== 0x0a) line++;
  }
  return line;
}

/** Where a file stops being UTF-8: the line and the offending byte. Reads the whole file (an error path). */
export async function locateInvalidUtf8(file: string): Promise<{ line: number; byte: number } | null> {
  const bytes = await readFile(file);
  const at = firstInvalidUtf8(bytes);
  if (at === -1) return null;
  return { line: lineOfOffset(bytes, at), byte: bytes[at]! };
}
