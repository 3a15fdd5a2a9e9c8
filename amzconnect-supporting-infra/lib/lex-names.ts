/**
 * Lex V2's pattern for bot, alias, intent, slot and slot type names: letters and digits, each
 * optionally followed by one `_` or `-` (so no leading, trailing or doubled separators).
 */
export const LEX_NAME_PATTERN = /^([0-9a-zA-Z][_-]?)+$/;

/** Maximum length of a Lex V2 bot name. */
export const LEX_BOT_NAME_MAX_LENGTH = 100;

/** Maximum length of a Lex V2 bot alias name. */
export const LEX_BOT_ALIAS_NAME_MAX_LENGTH = 100;

/** Physical name of a bot in one environment and Region: `<name>-<env>-<region>`. */
export function lexBotPhysicalName(name: string, environment: string, region: string): string {
  return `${name}-${environment}-${region}`;
}

/** What is wrong with a physical bot name, or `undefined` when Lex accepts it. */
export function lexBotNameProblem(name: string): string | undefined {
  if (name.length > LEX_BOT_NAME_MAX_LENGTH) {
    return `gives the bot name "${name}" (${name.length} characters), longer than Lex's ${LEX_BOT_NAME_MAX_LENGTH}; shorten the bot name by at least ${name.length - LEX_BOT_NAME_MAX_LENGTH} character${name.length - LEX_BOT_NAME_MAX_LENGTH === 1 ? '' : 's'}.`;
  }
  if (!LEX_NAME_PATTERN.test(name)) {
    return `gives the bot name "${name}", which Lex rejects; use letters and digits, each followed by at most one "_" or "-".`;
  }
  return undefined;
}

/** What is wrong with a bot alias name (the environment name), or `undefined` when Lex accepts it. */
export function lexBotAliasNameProblem(alias: string): string | undefined {
  if (alias.length > LEX_BOT_ALIAS_NAME_MAX_LENGTH || !LEX_NAME_PATTERN.test(alias)) {
    return `gives the bot alias name "${alias}", which Lex rejects; environment names used as aliases need letters and digits, each followed by at most one "-".`;
  }
  return undefined;
}
