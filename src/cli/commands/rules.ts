import type { Command } from 'commander';
import { UsageError } from '../../errors.js';
import type { CliIO } from '../io.js';

// Placeholder until the command lands; it refuses rather than pretending to work.
export function registerRules(program: Command, _io: CliIO): void {
  program
    .command('rules')
    .description('(not yet available)')
    .allowUnknownOption()
    .action(() => {
      throw new UsageError('the rules command is not available yet');
    });
}
