import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeFile, firstInvalidUtf8, lineOfOffset, locateInvalidUtf8, NotUtf8Error, type ReadInfo } from '../../src/load/decode.js';
import { tempDir } from '../support/temp.js';

const b = (...bytes: number[]): Uint8Array => Uint8Array.from(bytes);

describe('firstInvalidUtf8', () => {
  it.each([
    ['ASCII', b(0x61, 0x62), -1],
    ['£ in UTF-8', b(0x61, 0xc2, 0xa3), -1],
    ['’ in UTF-8', b(0xe2, 0x80, 0x99), -1],
    ['emoji', b(0xf0, 0x9f, 0x98, 0x80), -1],
    ['£ in Windows-1252', b(0x61, 0xa3, 0x62), 1],
    ['é in Windows-1252', b(0x61, 0x62, 0xe9, 0x20), 2],
    ['’ in Windows-1252', b(0x92), 0],
    ['overlong', b(0xc0, 0xaf), 0],
    ['surrogate', b(0xed, 0xa0, 0x80), 0],
    ['truncated at end', b(0x61, 0xe2, 0x80), 1],
    ['above U+10FFFF', b(0xf4, 0x90, 0x80, 0x80), 0],
  ])('%s', (_name, bytes, expected) => {
    expect(firstInvalidUtf8(bytes)).toBe(expected);
  });
});

describe('lineOfOffset', () => {
  it.each([
    ['a\nb\nc', 4, 3],
    ['a\r\nb\r\nc', 6, 3],
    ['a\rb\rc', 4, 3],
    ['abc', 2, 1],
  ])('%j at %i is line %i', (text, offset, line) => {
    expect(lineOfOffset(Buffer.from(text), offset)).toBe(line);
  });
});

describe('decodeFile', () => {
  async function file(bytes: Uint8Array): Promise<string> {
    const dir = await tempDir('decode');
    const f = path.join(dir, 'x.csv');
    await writeFile(f, bytes);
    return f;
  }
  async function readAll(f: string, encoding: 'utf-8' | 'windows-1252'): Promise<{ text: string; info: ReadInfo }> {
    const info: ReadInfo = { sha256: null, bom: false, bytes: 0 };
    let text = '';
    for await (const chunk of decodeFile(f, encoding, info)) text += chunk;
    return { text, info };
  }

  it('strips a UTF-8 BOM and notes it', async () => {
    const { text, info } = await readAll(await file(Buffer.from('\uFEFFa,£\n')), 'utf-8');
    expect(text).toBe('a,£\n');
    expect(info.bom).toBe(true);
    expect(info.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reads Windows-1252 £ é ’', async () => {
    const { text } = await readAll(await file(b(0xa3, 0x2c, 0xe9, 0x2c, 0x92)), 'windows-1252');
    expect(text).toBe('£,é,’');
  });

  it('stops with NotUtf8Error at a byte that is not UTF-8, even past the first megabyte', async () => {
    const bytes = Buffer.concat([Buffer.alloc(3 << 20, 0x61), Buffer.from([0xa3])]);
    const f = await file(bytes);
    await expect(readAll(f, 'utf-8')).rejects.toBeInstanceOf(NotUtf8Error);
  });

  it('locates the line of the first bad byte', async () => {
    const f = await file(Buffer.concat([Buffer.from('a,b\r\nc,d\r\ne,'), b(0x92), Buffer.from('\r\n')]));
    expect(await locateInvalidUtf8(f)).toEqual({ line: 3, byte: 0x92 });
  });
});
