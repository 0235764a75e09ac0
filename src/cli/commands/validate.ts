/**
 * `dvds-audit validate [DIR]`: load and check the inputs only, and print the row accounting and
 * every rejected row. With --strict, any rejected row exits 2 (after the accounting is printed).
 */
import type { Command } from 'commander';
import type { ResolvedConfig } from '../../config/load-config.js';
import { allRules } from '../../engine/registry.js';
import { resolveRules } from '../../engine/settings.js';
import { loadConfig } from '../../config/load-config.js';
import { assertStrict, loadInputs, type LoadResult } from '../../load/index.js';
import { REJECTED_LISTED } from '../../load/read-table.js';
import { TABLES } from '../../model/records.js';
import { terminalText } from '../../shared/sanitise.js';
import type { TerminalIO } from '../io.js';
import { formatOption } from '../options.js';
import { profileLines } from '../profile-lines.js';
import { createProgress, rowCount } from '../progress.js';

const FORMATS = ['table', 'json'] as const;
type Format = (typeof FORMATS)[number];

interface ValidateOptions {
  config?: string;
  strict?: boolean;
  quiet?: boolean;
  format: Format;
}

/** The JSON form: the report's `inputs[]` and `rejectedRows[]`. */
export function renderValidateJson(result: Pick<LoadResult, 'inputs' | 'rejectedRows' | 'profiles'>): string {
  const profile = (result.profiles ?? []).flatMap((p) => p.columns.map((c) => ({ table: p.table, file: p.file, ...c })));
  return `${JSON.stringify({ inputs: result.inputs, rejectedRows: result.rejectedRows, profile }, null, 2)}\n`;
}

/** The terminal form: one line per table, then one line per rejected row. */
export function renderValidateTable(result: Pick<LoadResult, 'inputs' | 'rejectedRows' | 'profiles'>): string {
  const rows: string[][] = [['table', 'file', 'read', 'accepted', 'rejected', 'blank']];
  for (const table of TABLES) {
    const input = result.inputs.find((i) => i.table === table);
    if (input === undefined) rows.push([table, '(not supplied)', '', '', '', '']);
    else rows.push([table, terminalText(input.file), String(input.rowsRead), String(input.rowsAccepted), String(input.rowsRejected), String(input.blankRows)]);
  }
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const numeric = [false, false, true, true, true, true];
  const lines = rows.map((r) =>
    r
      .map((cell, c) => (numeric[c] ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!)))
      .join('  ')
      .trimEnd(),
  );
  const n = result.inputs.reduce((sum, i) => sum + i.rowsRejected, 0);
  lines.push('');
  if (n === 0) lines.push('No rejected rows.');
  else {
    lines.push(`${n} rejected row${n === 1 ? '' : 's'}${n > result.rejectedRows.length ? ` (the first ${REJECTED_LISTED.toLocaleString('en-GB')} of each table listed)` : ''}:`);
    for (const row of result.rejectedRows) {
      // Headers and reasons quote the export's bytes: no escape sequence or line break may reach the terminal.
      const column = row.column === undefined ? '' : `column "${terminalText(row.column)}": `;
      lines.push(`${terminalText(row.file)}:${row.line}: ${column}${terminalText(row.reason)}`);
    }
  }
  const profile = (result.profiles ?? []).flatMap((p) => profileLines(p.file, p.columns));
  if (profile.length > 0) lines.push('', 'Values read (flag, enum and yes/no columns):', ...profile);
  return `${lines.join('\n')}\n`;
}

/**
 * The whole config is checked, rule options included, so a config that `validate` passes does
 * not then fail `audit` (`graceDays: "2"`). A plugin's rules are not loaded here (validate runs
 * no code a config names), so settings of rules that are not built in are left to `audit`.
 */
function checkRuleSettings(config: ResolvedConfig): void {
  const builtIn = new Set(allRules().map((r) => r.id));
  const settings = config.plugins.length === 0 ? config.rules : Object.fromEntries(Object.entries(config.rules).filter(([id]) => builtIn.has(id)));
  resolveRules(allRules(), settings);
}

export function registerValidate(program: Command, io: TerminalIO): void {
  program
    .command('validate')
    .description('load and check the inputs only; print the row accounting and every rejected row')
    .argument('[dir]', "folder holding the CSV exports (applications.csv, ...); the config's file paths are read against it (default: the working folder, and the config's own folder for its paths)")
    .option('--config <file>', 'config file (default: dvds-audit.config.json in the working folder, if present)')
    .option('--strict', 'exit 2 when any row is rejected')
    .addOption(formatOption(FORMATS, 'table'))
    .option('--quiet', 'no progress on stderr')
    .action(async (dir: string | undefined, options: ValidateOptions) => {
      const format = options.format;
      const config = await loadConfig({ cwd: io.cwd, ...(options.config === undefined ? {} : { configPath: options.config }) });
      checkRuleSettings(config);
      // Progress only on a terminal (not a pipe, not CI, not --quiet): a large export takes a while.
      const progress = createProgress(io, { quiet: options.quiet === true });
      const onProgress = progress.enabled ? (table: string, rows: number) => progress.update(`reading ${table}: ${rowCount(rows)} rows`) : undefined;
      let result: LoadResult;
      try {
        result = await loadInputs({ cwd: io.cwd, ...(dir === undefined ? {} : { dir }), config, profile: true, ...(onProgress ? { onProgress } : {}) });
      } finally {
        progress.done();
      }
      if (format === 'json') io.stdoutData(renderValidateJson(result));
      else io.stdout(renderValidateTable(result));
      if (options.strict) assertStrict(result);
    });
}
