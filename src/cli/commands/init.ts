/**
 * `dvds-audit init --from EXPORT.csv`: a starter config guessed from an export's headers and first
 * rows, with what it could not map listed as things to do (the config has no place for comments).
 */
import type { Command } from 'commander';
import { init } from '../../init/init.js';
import { SAMPLE_ROWS } from '../../init/sample.js';
import { CONFIG_FILE_NAME } from '../../config/load-config.js';
import type { CliIO } from '../io.js';

interface InitFlags {
  from: string;
  out?: string;
  force?: boolean;
}

export function registerInit(program: Command, io: CliIO): void {
  program
    .command('init')
    .description("write a starter config, guessing the applications table's column mapping, date formats and codes from an export")
    .requiredOption('--from <file>', 'an applications export (CSV) to guess from')
    .option('--out <file>', 'config file to write', CONFIG_FILE_NAME)
    .option('--force', 'overwrite the config file if it exists')
    .action(async (flags: InitFlags) => {
      const out = flags.out ?? CONFIG_FILE_NAME;
      const { sample, guess } = await init({ from: flags.from, out, force: flags.force === true, cwd: io.cwd });
      const delimiter = sample.delimiter === '\t' ? 'tab' : `"${sample.delimiter}"`;
      const lines = [
        `read ${flags.from}: ${sample.headers.length} columns, ${sample.rows.length} rows sampled (at most ${SAMPLE_ROWS}), ${sample.asciiOnly ? 'ASCII' : sample.encoding}, delimiter ${delimiter}`,
        `mapped ${Object.keys(guess.columns).length} of ${Object.keys(guess.columns).length + guess.unmapped.length} applications fields:`,
        ...Object.entries(guess.columns).map(([field, header]) => `  ${field.padEnd(26)} <- "${header}"`),
      ];
      if (guess.dateFormats.length > 0) lines.push(`date formats (after ISO 8601): ${guess.dateFormats.join(', ')}`);
      for (const [field, map] of Object.entries(guess.values)) {
        lines.push(`values of ${field}: ${Object.entries(map).map(([from, to]) => `${from} -> ${to}`).join(', ')}`);
      }
      for (const warning of guess.warnings) lines.push(`check: ${warning}`);
      if (guess.unmapped.length > 0) {
        lines.push('TODO: no column found for these fields; add them to inputs.applications.columns if the export has them:');
        for (const u of guess.unmapped) lines.push(`  ${u.field}${u.required ? ' (required: the export will not load without it)' : ''}`);
      }
      if (guess.unusedHeaders.length > 0) lines.push(`headers not used: ${guess.unusedHeaders.map((h) => `"${h}"`).join(', ')}`);
      lines.push(`wrote ${out}; check it with: dvds-audit validate --config ${out}`);
      io.stdout(`${lines.join('\n')}\n`);
    });
}
