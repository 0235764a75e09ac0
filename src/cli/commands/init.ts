import type { Command } from 'commander';
import { UsageError } from '../../errors.js';
import type { CliIO } from '../io.js';

// Placeholder until the command lands; it refuses rather than pretending to work.
export function registerInit(program: Command, _io: CliIO): void {
  program
    .command('init')
    .description('(not yet available)')
    .allowUnknownOption()
    .action(() => {
      throw new UsageError('the init command is not available yet');
    });
}
