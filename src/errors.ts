/**
 * Typed errors carry their exit code. A user's mistake (usage, config, input) exits 2 with one
 * line and no stack; anything else is an internal error, exit 3.
 */
export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USER_ERROR = 2;
export const EXIT_INTERNAL = 3;

export class DvdsError extends Error {
  readonly exitCode: number = EXIT_USER_ERROR;
}

/** Wrong command-line words: an unknown flag, a bad value, a missing argument. */
export class UsageError extends DvdsError {
  override readonly name = 'UsageError';
}

/** The config file (or a plugin it names) is missing, unreadable or invalid. */
export class ConfigError extends DvdsError {
  override readonly name = 'ConfigError';
}

/** An input file is missing, unreadable, empty, or lacks a required column; or --strict rejects. */
export class InputError extends DvdsError {
  override readonly name = 'InputError';
}
