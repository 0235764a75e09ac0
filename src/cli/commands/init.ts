/**
 * `dvds-audit init --from EXPORT.csv`: a starter config guessed from an export's headers and first
 * rows, with what it could not map listed as things to do (the config has no place for comments).
 */
import { type Command, Option } from 'commander';
import { TABLES, type TableName } from '../../model/records.js';
import { init } from '../../init/init.js';
import { SAMPLE_ROWS } from '../../init/sample.js';
import { CONFIG_FILE_NAME } from '../../config/load-config.js';
import type { TerminalIO } from '../io.js';
import { terminalText } from '../../shared/sanitise.js';
import { profileLines } from '../profile-lines.js';

interface InitFlags {
  from: string;
  table?: TableName;
  out?: string;
  force?: boolean;
}

export function registerInit(program: Command, io: TerminalIO): void {
  program
    .command('init')
    .description("write a starter config, guessing which table an export is and its column mapping, date formats and codes")
    .requiredOption('--from <file>', 'an export (CSV) of one table to guess from')
    .addOption(new Option('--table <table>', 'the table the export is (default: guessed from its headers)').choices(TABLES))
    .option('--out <file>', 'config file to write', CONFIG_FILE_NAME)
    .option('--force', 'overwrite the config file if it exists')
    .action(async (flags: InitFlags) => {
      const out = flags.out ?? CONFIG_FILE_NAME;
      const { sample, table, guessedTable, guess, unreadDates, profile } = await init({
        from: flags.from,
        out,
        force: flags.force === true,
        cwd: io.cwd,
        ...(flags.table === undefined ? {} : { table: flags.table }),
      });
      const delimiter = sample.delimiter === '\t' ? 'tab' : `"${sample.delimiter}"`;
      const lines = [
        sample.encoding === 'xlsx'
          ? `read ${terminalText(flags.from)}: ${sample.headers.length} columns, ${sample.rows.length} rows sampled (at most ${SAMPLE_ROWS}), workbook sheet "${terminalText(sample.sheet ?? '')}"`
          : `read ${terminalText(flags.from)}: ${sample.headers.length} columns, ${sample.rows.length} rows sampled (at most ${SAMPLE_ROWS}), ${sample.asciiOnly ? 'ASCII' : sample.encoding}, delimiter ${delimiter}`,
        `${guessedTable ? 'recognised as' : 'read as'} the ${table} table${guessedTable ? ' (give --table to choose another)' : ''}`,
        `mapped ${Object.keys(guess.columns).length} of ${Object.keys(guess.columns).length + guess.unmapped.length} ${table} fields:`,
        ...Object.entries(guess.columns).map(([field, header]) => `  ${field.padEnd(26)} <- "${terminalText(header)}"`),
      ];
      if (guess.dateFormats.length > 0) lines.push(`date formats (after ISO 8601): ${guess.dateFormats.join(', ')}`);
      for (const [field, map] of Object.entries(guess.values)) {
        lines.push(`values of ${field}: ${Object.entries(map).map(([from, to]) => `${from} -> ${to}`).join(', ')}`);
      }
      for (const warning of guess.warnings) lines.push(`check: ${terminalText(warning)}`);
      for (const u of unreadDates) {
        const examples = u.examples.length === 0 ? ' (values not shown: dates of birth)' : `, e.g. ${u.examples.map((e) => `"${terminalText(e)}"`).join(', ')}`;
        lines.push(
          `check: ${u.field} ("${terminalText(u.header)}"): ${u.count} sampled value${u.count === 1 ? '' : 's'} no format reads${examples}; add a format to dateFormats, or a "no date" sentinel to nullDates`,
        );
      }
      if (guess.unmapped.length > 0) {
        lines.push(`TODO: no column found for these fields; add them to inputs.${table}.columns if the export has them:`);
        for (const u of guess.unmapped) lines.push(`  ${u.field}${u.required ? ' (required: the export will not load without it)' : ''}`);
      }
      if (guess.unusedHeaders.length > 0) lines.push(`headers not used: ${guess.unusedHeaders.map((h) => `"${terminalText(h)}"`).join(', ')}`);
      if (profile.length > 0) lines.push('values read with this config (flag, enum and yes/no columns):', ...profileLines(flags.from, profile).map((l) => `  ${l}`));
      lines.push(`wrote ${terminalText(out)}; check it with: dvds-audit validate --config ${terminalText(out)}`);
      io.stdout(`${lines.join('\n')}\n`);
    });
}
