/**
 * The CLI's side effects on the terminal, behind one interface so tests can capture them.
 * A command sets its exit code here rather than calling process.exit.
 */
import { terminalOutput } from '../shared/sanitise.js';
import { utf8Bytes } from '../shared/utf8.js';

/** The streams as they are: main() wraps them in terminalIO, and commands write only through that. */
export interface CliIO {
  /** Writes to stdout as given. */
  stdout(text: string): void;
  /** Writes to stderr as given. */
  stderr(text: string): void;
  /** Writes bytes to stdout as they are (a machine format's UTF-8, in batches); absent, text goes through `stdout`. */
  readonly stdoutBytes?: (bytes: Uint8Array) => void;
  /** True when stdout is a terminal (colour, layout). */
  readonly stdoutIsTTY: boolean;
  /** The terminal's width in columns, when stdout is one. */
  readonly stdoutColumns?: number;
  /** True when stderr is a terminal (progress). */
  readonly stderrIsTTY: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  setExitCode(code: number): void;
  exitCode(): number;
}

export function processIO(): CliIO {
  let code = 0;
  // A reader that stops early (`dvds-audit audit | head`) closes the pipe: end quietly with the
  // code so far, as other command-line tools do, rather than with an EPIPE stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(code);
    throw error;
  });
  return {
    // As bytes: a report's 64K chunks through Buffer.from's slow path cost ~10 s at 1M applications.
    stdout: (text) => void process.stdout.write(utf8Bytes(text)),
    stdoutBytes: (bytes) => void process.stdout.write(bytes),
    stderr: (text) => void process.stderr.write(text),
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    ...(process.stdout.isTTY && process.stdout.columns > 0 ? { stdoutColumns: process.stdout.columns } : {}),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    env: process.env,
    cwd: process.cwd(),
    setExitCode: (c) => {
      code = c;
    },
    exitCode: () => code,
  };
}

/**
 * What a command writes through: the CLI's one place of output to the terminal. Every write to
 * stdout and stderr passes the terminal sanitiser (terminalOutput): the output's own line breaks
 * stay, and no ESC, lone CR, C1 control, bidi control or U+2028/U+2029 from an export, a config,
 * a baseline or a path reaches the terminal, whatever a renderer or an error message forgot.
 */
export interface TerminalIO extends CliIO {
  /** Human text (the table, summaries, help, init's and diff's output): sanitised. */
  stdout(text: string): void;
  /** Errors, notes and progress: sanitised. */
  stderr(text: string): void;
  /**
   * A machine format's text (json, csv, md, html, junit, the JSON of validate, diff and rules).
   * To a pipe or a file it goes byte for byte, as a program reading it expects (JSON escapes C0
   * itself). On a terminal a person reads it, and JSON passes C1 and bidi characters raw, so there
   * it is sanitised as stdout is (nothing parses a terminal's screen).
   */
  stdoutData(text: string): void;
}

export function terminalIO(io: CliIO): TerminalIO {
  return {
    stdout: (text) => io.stdout(terminalOutput(text, { ownSequences: io.stdoutIsTTY })),
    stderr: (text) => io.stderr(terminalOutput(text, { ownSequences: io.stderrIsTTY })),
    stdoutData: (text) => io.stdout(io.stdoutIsTTY ? terminalOutput(text, { ownSequences: false }) : text),
    // Raw bytes only where a machine format goes raw: never to a terminal, which is sanitised.
    ...(io.stdoutIsTTY || io.stdoutBytes === undefined ? {} : { stdoutBytes: io.stdoutBytes }),
    stdoutIsTTY: io.stdoutIsTTY,
    ...(io.stdoutColumns === undefined ? {} : { stdoutColumns: io.stdoutColumns }),
    stderrIsTTY: io.stderrIsTTY,
    env: io.env,
    cwd: io.cwd,
    setExitCode: (code) => io.setExitCode(code),
    exitCode: () => io.exitCode(),
  };
}
