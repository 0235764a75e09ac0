/**
 * Options several commands share, declared once so each says the same: a repeatable option, and
 * `--format` as commander's `choices` (one name) or a comma list checked against the same names
 * with the same message.
 */
import { InvalidArgumentError, Option } from 'commander';
import { UsageError } from '../errors.js';
import type { FormatName } from '../report/format-types.js';
import { parseFormatList } from '../report/formats.js';

/** `--allow-plugins`: consent to run the code a config file names (commands that load plugins). */
export function allowPluginsOption(): Option {
  return new Option('--allow-plugins', 'run the plugin modules the config file names (also: DVDS_ALLOW_PLUGINS=1); without it a config naming plugins is refused');
}

/** For a repeatable option (`--plugin a --plugin b`): each value after those before. */
export function collect(value: string, previous: readonly string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** `--format <format>`: one of `choices`, `fallback` when not given. */
export function formatOption<T extends string>(choices: readonly T[], fallback: T, description = 'output format'): Option {
  return new Option('--format <format>', description).choices(choices).default(fallback);
}

/** `--format <list>`: a comma list of report formats, each checked as `choices` checks one. */
export function formatListOption(description: string): Option {
  return new Option('--format <list>', description).argParser((value: string): FormatName[] => {
    try {
      return parseFormatList(value);
    } catch (error) {
      if (error instanceof UsageError) throw new InvalidArgumentError(error.message);
      throw error;
    }
  });
}
