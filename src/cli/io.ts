/**
 * The CLI's side effects on the terminal, behind one interface so tests can capture them.
 * A command sets its exit code here rather than calling process.exit.
 */
export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
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
    stdout: (text) => void process.stdout.write(text),
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
