/** The `diff` command's output: a terminal table or canonical JSON of new, resolved and unchanged findings. */
import { Chalk } from 'chalk';
import Table from 'cli-table3';
import type { Finding } from '../engine/types.js';
import { FINDING_SHAPE, orderedJson } from '../report/json.js';
import type { Report } from '../report/model.js';
import type { ReportDiff } from './index.js';
import { terminalText } from '../shared/sanitise.js';

export interface DiffSides {
  readonly old: { readonly file: string; readonly report: Report; readonly sha256: string };
  readonly new: { readonly file: string; readonly report: Report; readonly sha256: string };
}

const SIDE_SHAPE = { keys: ['file', 'asOf', 'sha256'] };

export function diffJson(diff: ReportDiff, sides: DiffSides): string {
  const side = (s: DiffSides['old']) => ({ file: s.file, asOf: s.report.asOf, sha256: s.sha256 });
  return orderedJson(
    {
      schemaVersion: 2,
      old: side(sides.old),
      new: side(sides.new),
      counts: { new: diff.new.length, resolved: diff.resolved.length, unchanged: diff.unchanged.length },
      findings: { new: diff.new, resolved: diff.resolved, unchanged: diff.unchanged },
    },
    {
      keys: ['schemaVersion', 'old', 'new', 'counts', 'findings'],
      children: {
        old: SIDE_SHAPE,
        new: SIDE_SHAPE,
        counts: { keys: ['new', 'resolved', 'unchanged'] },
        findings: { keys: ['new', 'resolved', 'unchanged'], children: { new: FINDING_SHAPE, resolved: FINDING_SHAPE, unchanged: FINDING_SHAPE } },
      },
    },
  );
}

// Terminal text: control characters from ids, messages or a baseline's fingerprints would move the
// cursor or recolour the screen (the writer sanitises again: src/cli/io.ts).
const plain = terminalText;

export function diffTable(diff: ReportDiff, sides: DiffSides, color: boolean): string {
  const chalk = new Chalk({ level: color ? 1 : 0 });
  const out: string[] = [];
  out.push(chalk.bold(`Findings from ${plain(sides.old.file)} (as of ${plain(sides.old.report.asOf)}) to ${plain(sides.new.file)} (as of ${plain(sides.new.report.asOf)})`));
  out.push(`${diff.new.length} new, ${diff.resolved.length} resolved, ${diff.unchanged.length} unchanged`, '');
  const section = (title: string, findings: readonly Finding[], paint: (t: string) => string): void => {
    out.push(chalk.bold.underline(`${title} (${findings.length})`));
    if (findings.length === 0) {
      out.push('None.', '');
      return;
    }
    const table = new Table({
      head: ['severity', 'rule', 'application / staff', 'fingerprint', 'message'].map((h) => chalk.bold(h)),
      colWidths: [10, 26, 20, 22, 60],
      wordWrap: true,
      wrapOnWordBoundary: false,
      style: { head: [], border: [], 'padding-left': 1, 'padding-right': 1 },
    });
    for (const f of findings) {
      table.push([paint(f.severity), plain(f.ruleId), plain(f.applicationId ?? f.staffId ?? ''), plain(f.fingerprint), plain(f.message)]);
    }
    out.push(table.toString(), '');
  };
  section('New', diff.new, (t) => chalk.red(t));
  section('Resolved', diff.resolved, (t) => chalk.green(t));
  section('Unchanged', diff.unchanged, (t) => t);
  return `${out.join('\n')}\n`;
}
