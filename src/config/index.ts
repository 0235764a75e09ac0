export { CONFIG_FILE_NAME, defaultConfig, loadConfig, parseConfig, type ResolvedConfig } from './load-config.js';
export { ConfigSchema, DELIMITERS, ENCODINGS, datePatternProblem, type ConfigFile, type DelimiterSetting, type EncodingSetting, type InputConfig } from './schema.js';
export { configJsonSchemaText, JSON_SCHEMA_PATH } from './json-schema.js';
