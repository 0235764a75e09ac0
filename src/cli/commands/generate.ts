/**
 * `dvds-audit generate --out DIR`: a synthetic export with planted failures and ground-truth.json.
 * The audit date defaults to a fixed day (never today), so the same flags give the same bytes.
 */
import { readdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../../errors.js';
import { DEFAULT_GENERATE_AS_OF, parseGenerateFlags, type GenerateFlags } from '../../generate/flags.js';
import { generateExport } from '../../generate/generate.js';
import type { TerminalIO } from '../io.js';

export function registerGenerate(program: Command, io: TerminalIO): void {
  program
    .command('generate')
    .description('write a synthetic export with planted failures of every rule and a ground-truth.json listing them')
    .requiredOption('--out <dir>', 'folder to write (created if missing; must be empty or an earlier generated export)')
    .option('--applications <n>', 'number of applications', '1000')
    .option('--seed <n>', 'random seed (an integer); the same seed gives the same bytes', '1')
    .option('--as-of <date>', `audit date the export is made for (YYYY-MM-DD; default ${DEFAULT_GENERATE_AS_OF}, fixed, never today)`)
    .option('--layout <layout>', 'canonical (BRIEF headers, ISO dates, UTF-8) or foreign (a records system: its headers, dd/MM/yyyy, Windows-1252, plus the config mapping it)', 'canonical')
    .action(async (flags: GenerateFlags) => {
      const options = parseGenerateFlags(flags, io.cwd);
      await refuseForeignFolder(options.out);
      const result = await generateExport(options);
      const truth = result.groundTruth;
      const lines = [
        `generated ${truth.layout} export in ${flags.out} (seed ${truth.seed}, as of ${truth.asOf})`,
        ...result.files.map((f) => `  ${f.file.padEnd(24)} ${String(f.rows).padStart(9)} rows`),
        `  ground-truth.json: planted findings per rule`,
        ...Object.entries(truth.rules).map(([rule, t]) => `    ${rule.padEnd(26)} ${String(t.findings).padStart(7)}`),
        `  and the decisions they must give`,
        `    IOPC referrals             ${String(truth.decisions.referrals.length + truth.decisions.staff.length).padStart(7)} (applications ${truth.decisions.referrals.length}, staff ${truth.decisions.staff.length})`,
        `    DSI matters to assess      ${String(truth.decisions.assess.length).padStart(7)}`,
      ];
      if (truth.layout === 'foreign') lines.push(`  dvds-audit.config.json: maps this layout (audit with --config ${flags.out}/dvds-audit.config.json)`);
      io.stdout(`${lines.join('\n')}\n`);
    });
}

// Writing a synthetic table over a real export would destroy it: only an empty folder, or one
// that an earlier run of generate wrote (it holds ground-truth.json), is written into.
async function refuseForeignFolder(dir: string): Promise<void> {
  let entries: string[];
  try {
    entries = await readdir(resolve(dir));
  } catch {
    return;
  }
  if (entries.length > 0 && !entries.includes('ground-truth.json')) {
    throw new UsageError(`--out ${dir}: the folder holds other files; give a new or empty folder (or one written by generate)`);
  }
}
