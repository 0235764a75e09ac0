/**
 * `dvds-audit anonymise IN --out DIR`: a copy with keyed pseudonyms for every id, free text
 * dropped and dates kept (or moved by whole weeks with --shift-weeks). The key comes from an
 * environment variable, never from the command line (it would sit in the shell history).
 */
import type { Command } from 'commander';
import { anonymise, PRESENT_MARKER } from '../../anonymise/anonymise.js';
import { DEFAULT_KEY_ENV, keyFromEnv } from '../../anonymise/pseudonym.js';
import type { TerminalIO } from '../io.js';

interface AnonymiseFlags {
  out: string;
  keyEnv?: string;
  shiftWeeks?: boolean;
  config?: string;
}

export function registerAnonymise(program: Command, io: TerminalIO): void {
  program
    .command('anonymise')
    .argument('<in>', 'export folder to anonymise (read as audit reads it, with the config if any)')
    .description('write a copy with every id pseudonymised (keyed HMAC-SHA-256), free text dropped and dates kept')
    .requiredOption('--out <dir>', 'new or empty folder for the copy (never the input or inside it)')
    .option('--key-env <var>', 'environment variable holding the key (at least 32 characters)', DEFAULT_KEY_ENV)
    .option('--shift-weeks', 'also move every date earlier by a whole number of weeks derived from the key (1 to 52)')
    .option('--config <file>', 'config file mapping the export (default: dvds-audit.config.json in the working folder, if present)')
    .action(async (input: string, flags: AnonymiseFlags) => {
      const keyEnv = flags.keyEnv ?? DEFAULT_KEY_ENV;
      const key = keyFromEnv(io.env, keyEnv);
      const result = await anonymise({
        input,
        out: flags.out,
        key,
        shiftWeeks: flags.shiftWeeks === true,
        cwd: io.cwd,
        ...(flags.config === undefined ? {} : { configPath: flags.config }),
      });
      const lines = [`anonymised ${input} into ${flags.out} (key from ${keyEnv})`];
      for (const t of result.tables) {
        lines.push(`  ${t.file}: ${t.rows} rows`);
        lines.push(`    pseudonymised: ${t.pseudonymised.join(', ')}`);
        if (t.marked.length > 0) lines.push(`    free text replaced by "${PRESENT_MARKER}" when present: ${t.marked.join(', ')}`);
        if (t.dropped.length > 0) lines.push(`    dropped: ${t.dropped.join(', ')}`);
      }
      lines.push(`  rejected rows not copied: ${result.rowsRejected}`);
      if (result.shiftWeeks === 0) {
        lines.push('  dates: kept as they were');
      } else {
        const n = result.near;
        const any = new Set([...n.bankHoliday, ...n.limitSwitch, ...n.clockChange]).size;
        lines.push(
          `  dates: all moved ${result.shiftWeeks} week${result.shiftWeeks === 1 ? '' : 's'} (${result.shiftWeeks * 7} days) earlier; weekdays and intervals kept`,
          `    audit the copy with --as-of moved alike (${result.shiftWeeks * 7} days earlier)`,
          `    findings may change for ${any} application${any === 1 ? '' : 's'}:`,
          `      ${n.bankHoliday.length} with a bank holiday in the face-to-face window (10 working days) before or after the move`,
          `      ${n.limitSwitch.length} received on or after the 2023-04-05 time-limit switch but moved before it`,
          `      ${n.clockChange.length} with initial checks timed across a clock change before or after the move`,
        );
      }
      io.stdout(`${lines.join('\n')}\n`);
    });
}
