import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
// dist/src/version.js -> ../../package.json; the package's own version, never a hand-typed copy.
const pkg = require('../../package.json') as { name: string; version: string };

export const TOOL_NAME: string = pkg.name;
export const TOOL_VERSION: string = pkg.version;
