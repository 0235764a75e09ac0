/** Writes files into a fresh temporary folder for a loader test. */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { tempDir } from '../support/temp.js';

export async function tmpFolder(files: Record<string, string | Uint8Array>): Promise<string> {
  const dir = await tempDir('load');
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, content);
  }
  return dir;
}

/** Windows-1252 bytes of a text written with only Latin-1 and the characters below. */
export function cp1252(text: string): Uint8Array {
  const special: Record<string, number> = { '’': 0x92, '‘': 0x91, '€': 0x80, '“': 0x93, '”': 0x94 };
  return Uint8Array.from([...text].map((ch) => special[ch] ?? ch.charCodeAt(0)));
}
