/**
 * zod's validation errors as lines a person can act on, each starting with where the problem is
 * (`inputs.applications.delimiter`, `rules.deadline-missed.options.schedule[0].from`), for the
 * config file, rule options and any other JSON the tool reads.
 */
import type { z } from 'zod';

export interface IssueOptions {
  /** Where the validated value sits, put before each issue's own path (e.g. `rules.x.options`). */
  readonly at?: string;
  /** What a key the schema does not know is called: "key" by default, "option" for rule options. */
  readonly unknownKey?: string;
}

/** A path as written in the tool's messages: `a.b[0].c`, after `at`; `(top level)` when empty. */
export function issuePath(path: readonly PropertyKey[], at = ''): string {
  let out = at;
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(top level)' : out;
}

/** One line per issue (an unknown key, each value out of a list, ...), in zod's order. */
export function zodIssueLines(error: z.ZodError, options: IssueOptions = {}): string[] {
  return error.issues.flatMap((issue) => issueLines(issue, options));
}

function issueLines(issue: z.core.$ZodIssue, options: IssueOptions): string[] {
  const at = options.at ?? '';
  if (issue.code === 'invalid_union') {
    // The alternative the value came closest to: the one that got deepest into the value, else
    // the first that failed on more than the value's type.
    const depth = (issues: readonly z.core.$ZodIssue[]): number => Math.max(...issues.map((i) => i.path.length));
    const deepest = Math.max(...issue.errors.map(depth));
    const branch =
      deepest > 0
        ? issue.errors.find((issues) => depth(issues) === deepest)
        : issue.errors.find((issues) => issues.some((i) => i.code !== 'invalid_type'));
    if (branch !== undefined) return branch.flatMap((i) => issueLines({ ...i, path: [...issue.path, ...i.path] }, options));
  }
  if (issue.code === 'invalid_value') {
    // JSON spelling, so a tab shows as "\t".
    return [`${issuePath(issue.path, at)}: expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`];
  }
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((k) => `${issuePath([...issue.path, k], at)}: unknown ${options.unknownKey ?? 'key'}`);
  }
  // zod says "Invalid input: expected string, received number"; the path already says where.
  return [`${issuePath(issue.path, at)}: ${issue.message.replace(/^Invalid (input|option): /, '')}`];
}
