/**
 * `dvds-audit anonymise IN --out DIR`: a copy with keyed pseudonyms for every id, free text
 * dropped and dates kept (or moved by whole weeks with --shift-weeks). The key comes from an
 * environment variable, never from the command line (it would sit in the shell history).
 * `dvds-audit anonymise --new-key` prints a strong random key and does nothing else.
 */
import type { Command } from 'commander';
import { anonymise, PRESENT_MARKER } from '../../anonymise/anonymise.js';
import { DEFAULT_KEY_ENV, keyFromEnv, MIN_KEY_LENGTH, newKey } from '../../anonymise/pseudonym.js';
import { UsageError } from '../../errors.js';
import type { TerminalIO } from '../io.js';

interface AnonymiseFlags {
  out?: string;
  newKey?: boolean;
  keyEnv?: string;
  shiftWeeks?: boolean;
  config?: string;
}

export function registerAnonymise(program: Command, io: TerminalIO): void {
  program
    .command('anonymise')
    // <in> and --out are required unless --new-key: checked in the action, as commander would word it.
    .argument('[in]', 'export folder to anonymise (read as audit reads it, with the config if any)')
    .description('write a copy with every id pseudonymised (keyed HMAC-SHA-256), free text dropped and dates kept')
    .option('--out <dir>', 'new or empty folder for the copy (never the input, inside it or holding it, also through a symbolic link); required')
    .option('--key-env <var>', `environment variable holding the key (at least ${MIN_KEY_LENGTH} characters, not guessable)`, DEFAULT_KEY_ENV)
    .option('--new-key', 'print a strong random key (32 random bytes, base64url) and exit; nothing is read or written')
    .option('--shift-weeks', 'also move every date earlier by a whole number of weeks derived from the key (1 to 52)')
    .option('--config <file>', 'config file mapping the export (default: dvds-audit.config.json in the working folder, if present)')
    .action(async (input: string | undefined, flags: AnonymiseFlags) => {
      if (flags.newKey === true) {
        if (input !== undefined || flags.out !== undefined || flags.shiftWeeks === true || flags.config !== undefined) {
          throw new UsageError('--new-key prints a key and does nothing else: give it alone, then set the key in the environment and run anonymise IN --out DIR');
        }
        // Only the key on the line, so `export DVDS_ANONYMISE_KEY=$(dvds-audit anonymise --new-key)` works.
        io.stdout(`${newKey()}\n`);
        return;
      }
      if (input === undefined) throw new UsageError("anonymise: missing required argument 'in' (or give --new-key for a key)");
      if (flags.out === undefined) throw new UsageError("anonymise: required option '--out <dir>' not specified");
      const keyEnv = flags.keyEnv ?? DEFAULT_KEY_ENV;
      const key = keyFromEnv(io.env, keyEnv);
      const out = flags.out;
      const result = await anonymise({
        input,
        out,
        key,
        shiftWeeks: flags.shiftWeeks === true,
        cwd: io.cwd,
        ...(flags.config === undefined ? {} : { configPath: flags.config }),
      });
      const lines = [`anonymised ${input} into ${out} (key from ${keyEnv})`];
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
