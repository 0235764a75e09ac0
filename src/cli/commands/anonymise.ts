import type { Command } from 'commander';
import { UsageError } from '../../errors.js';
import type { CliIO } from '../io.js';

// Placeholder until the command lands; it refuses rather than pretending to work.
export function registerAnonymise(program: Command, _io: CliIO): void {
  program
    .command('anonymise')
    .description('(not yet available)')
    .allowUnknownOption()
    .action(() => {
      throw new UsageError('the anonymise command is not available yet');
    });
}
