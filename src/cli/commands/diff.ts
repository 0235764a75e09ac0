/** `dvds-audit diff OLD.json NEW.json`: new, resolved and unchanged findings between two reports. */
import path from 'node:path';
import type { Command } from 'commander';
import { diffReports, readReportFile, reportSha256 } from '../../baseline/index.js';
import { diffJson, diffTable } from '../../baseline/render.js';
import type { TerminalIO } from '../io.js';
import { formatOption } from '../options.js';

export function registerDiff(program: Command, io: TerminalIO): void {
  program
    .command('diff')
    .description('new, resolved and unchanged findings between two audit reports (report.json)')
    .argument('<old>', 'the earlier report.json')
    .argument('<new>', 'the later report.json')
    .addOption(formatOption(['table', 'json'] as const, 'table'))
    .configureHelp({ showGlobalOptions: true })
    .action(async (oldFile: string, newFile: string, flags: { format: 'table' | 'json' }) => {
      const format = flags.format;
      const oldReport = await readReportFile(oldFile, io.cwd);
      const newReport = await readReportFile(newFile, io.cwd);
      const diff = diffReports(oldReport, newReport);
      const sides = {
        old: { file: shown(oldFile), report: oldReport, sha256: reportSha256(oldReport) },
        new: { file: shown(newFile), report: newReport, sha256: reportSha256(newReport) },
      };
      if (format === 'json') io.stdoutData(diffJson(diff, sides));
      else io.stdout(diffTable(diff, sides, io.stdoutIsTTY && io.env.NO_COLOR === undefined));
    });
}

/** The path as typed, unless absolute: output never carries an absolute path. */
function shown(file: string): string {
  return path.isAbsolute(file) ? path.basename(file) : file;
}
