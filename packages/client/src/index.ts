/**
 * `@adal/client`: the application layer a portal calls — command handling over any Adal store.
 *
 * @packageDocumentation
 */
export { createAdalClient } from './AdalClient.js';
export type { AdalClient, AdalClientOptions } from './AdalClient.js';
export type {
  CommandError,
  ConcurrencyConflict,
  EventDecodeFailed,
  WrongStreamCategory,
} from './CommandError.js';
export { createCommandHandler } from './handleCommand.js';
export type { CommandEnvironment, CommandOptions, CommandResult, HandleCommand } from './handleCommand.js';
export { createUuidV7, uuidV7Time } from './uuidv7.js';
export type { IdGenerator } from './uuidv7.js';
