import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

// The package's own version, never a hand-typed copy. Compiled, this file is dist/src/version.js
// (package.json two folders up); run from source by the tests, it is src/version.ts (one up).
function packageJsonPath(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (const candidate of [path.join(here, '..', '..', 'package.json'), path.join(here, '..', 'package.json')]) {
    if (existsSync(candidate)) {
      const pkg = require(candidate) as { name?: string };
      if (pkg.name === 'dvds-audit') return candidate;
    }
  }
  throw new Error('package.json of dvds-audit not found beside the program');
}

const pkg = require(packageJsonPath()) as { name: string; version: string };

export const TOOL_NAME: string = pkg.name;
export const TOOL_VERSION: string = pkg.version;
