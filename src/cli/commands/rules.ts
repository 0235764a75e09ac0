/**
 * `dvds-audit rules` lists the rules (id, category, severity and enabled under the config);
 * `dvds-audit rules explain ID` prints one rule's title, rationale and options with defaults.
 */
import type { Command } from 'commander';
import { loadConfig } from '../../config/index.js';
import { listRules, renderExplain, renderRulesJson, renderRulesMarkdown, renderRulesTable, type RuleListing } from '../../engine/docs.js';
import { assertPluginConsent, loadPlugins, pluginsAllowedByEnv } from '../../engine/plugins.js';
import { allRules } from '../../engine/registry.js';
import { resolveRules } from '../../engine/settings.js';
import { UsageError } from '../../errors.js';
import type { TerminalIO } from '../io.js';
import { allowPluginsOption, collect, formatOption } from '../options.js';

const FORMATS = ['table', 'json', 'md'] as const;
type Format = (typeof FORMATS)[number];

interface RulesFlags {
  config?: string;
  plugin?: string[];
  format?: Format;
  allowPlugins?: boolean;
}

/** The rules under the config, with plugins from the config and from `--plugin`. */
export async function ruleListing(flags: RulesFlags, cwd: string, env: Readonly<Record<string, string | undefined>> = {}): Promise<RuleListing[]> {
  const config = await loadConfig({ ...(flags.config === undefined ? {} : { configPath: flags.config }), cwd });
  assertPluginConsent(config, { allow: flags.allowPlugins === true || pluginsAllowedByEnv(env), extra: flags.plugin ?? [], cwd });
  const plugins = await loadPlugins([...config.plugins, ...(flags.plugin ?? [])], cwd);
  return listRules(resolveRules(allRules(plugins), config.rules));
}

export function registerRules(program: Command, io: TerminalIO): void {
  const rules = program
    .command('rules')
    .description('list the rules: id, category, severity and whether enabled under the config')
    .option('--config <file>', 'config file (default: dvds-audit.config.json in the working folder, if present)')
    .option('--plugin <module>', 'load plugin rules from a module (repeatable)', collect)
    .addOption(allowPluginsOption())
    .addOption(formatOption(FORMATS, 'table'))
    .action(async (flags: RulesFlags) => {
      const format = flags.format ?? 'table';
      const listing = await ruleListing(flags, io.cwd, io.env);
      if (format === 'table') io.stdout(renderRulesTable(listing));
      else io.stdoutData(format === 'json' ? renderRulesJson(listing) : renderRulesMarkdown(listing));
    });

  rules
    .command('explain <id>')
    .description("print one rule's title, category, severity, rationale and options with defaults")
    .option('--config <file>', 'config file')
    .option('--plugin <module>', 'load plugin rules from a module (repeatable)', collect)
    .addOption(allowPluginsOption())
    .action(async (id: string, flags: RulesFlags) => {
      const parent = rules.opts<RulesFlags>();
      const config = flags.config ?? parent.config;
      const merged: RulesFlags = {
        ...(config === undefined ? {} : { config }),
        plugin: [...(parent.plugin ?? []), ...(flags.plugin ?? [])],
        allowPlugins: flags.allowPlugins === true || parent.allowPlugins === true,
      };
      const listing = await ruleListing(merged, io.cwd, io.env);
      const rule = listing.find((r) => r.id === id);
      if (rule === undefined) {
        throw new UsageError(`unknown rule "${id}" (run \`dvds-audit rules\` for the list)`);
      }
      io.stdout(renderExplain(rule));
    });
}
