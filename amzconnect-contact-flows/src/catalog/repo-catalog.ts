import { PlaceholderKind } from '../model/placeholders';

/**
 * What the repository defines, by name: the resources flows may reference with placeholders
 * (`${queue:Name}`, ...) and, through the mapping function, with `$.External.<Key>`.
 * A list is `undefined` when the file that defines it could not be read: references of that kind
 * are then not checked (the loader reports why).
 */
export interface RepoCatalog {
  /** `amzconnect-instance/config/instance.json` `queues[].name`. */
  readonly queues?: readonly string[];
  /** `amzconnect-instance/config/instance.json` `hoursOfOperation[].name`. */
  readonly hours?: readonly string[];
  /** `amzconnect-instance/config/instance.json` `prompts[].name` (optional there). */
  readonly prompts?: readonly string[];
  /** `amzconnect-supporting-infra/bots/*.json` `name`. */
  readonly bots?: readonly string[];
  /** `amzconnect-lambdas/config/functions.json` `functions[].name`. */
  readonly lambdas?: readonly string[];
  /** Contact flows under `amzconnect-contact-flows/flows/`. */
  readonly flows?: readonly string[];
  /** Flow modules under `amzconnect-contact-flows/flows/`. */
  readonly modules?: readonly string[];
}

/** The catalog list holding the names of a placeholder kind. */
export const CATALOG_LIST: Readonly<Record<PlaceholderKind, keyof RepoCatalog>> = {
  queue: 'queues',
  hours: 'hours',
  prompt: 'prompts',
  lex: 'bots',
  lambda: 'lambdas',
  flow: 'flows',
  module: 'modules',
};

/** Where each catalog list comes from, for messages. */
export const CATALOG_SOURCE: Readonly<Record<keyof RepoCatalog, string>> = {
  queues: 'amzconnect-instance/config/instance.json (queues)',
  hours: 'amzconnect-instance/config/instance.json (hoursOfOperation)',
  prompts: 'amzconnect-instance/config/instance.json (prompts)',
  bots: 'amzconnect-supporting-infra/bots/',
  lambdas: 'amzconnect-lambdas/config/functions.json',
  flows: 'amzconnect-contact-flows/flows/',
  modules: 'amzconnect-contact-flows/flows/',
};
