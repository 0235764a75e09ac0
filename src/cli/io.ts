/**
 * The CLI's side effects on the terminal, behind one interface so tests can capture them.
 * A command sets its exit code here rather than calling process.exit.
 */
export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  /** True when stdout is a terminal (colour, layout). */
  readonly stdoutIsTTY: boolean;
  /** True when stderr is a terminal (progress). */
  readonly stderrIsTTY: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  setExitCode(code: number): void;
  exitCode(): number;
}

export function processIO(): CliIO {
  let code = 0;
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    env: process.env,
    cwd: process.cwd(),
    setExitCode: (c) => {
      code = c;
    },
    exitCode: () => code,
  };
}
