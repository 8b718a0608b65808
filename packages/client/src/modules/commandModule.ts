import { createHash } from 'node:crypto';
import type { Aggregate } from '@adal/core';
import type * as t from 'io-ts/lib/index.js';
import { toValidationError } from '@adal/core';
import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { CommandError } from '../CommandError.js';
import type { CommandOptions, CommandResult, HandleCommand } from '../handleCommand.js';

/**
 * A command's decoded type as a caller may write it: branded strings and numbers (dates `YYYY-MM-DD`, IINs,
 * ids) as plain ones, amounts as `bigint` or decimal strings, instants as `Date` or ISO strings — the codec
 * checks them all at run time.
 *
 * @category client
 * @since 0.1.0
 */
export type Loose<T> = T extends bigint
  ? bigint | string
  : T extends Date
    ? Date | string
    : T extends boolean | null | undefined
      ? T
      : T extends string
        ? T extends t.Brand<unknown>
          ? string
          : T
        : T extends number
          ? T extends t.Brand<unknown>
            ? number
            : T
          : T extends readonly (infer U)[]
            ? readonly Loose<U>[]
            : T extends object
              ? { readonly [K in keyof T]: Loose<T[K]> }
              : T;

/**
 * What a portal passes to a command method: the command's fields without `type`, and `at` only to
 * override the client's clock (imports of old records, tests). Amounts are `bigint` tiyn (or decimal
 * strings, as JSON carries them), instants `Date` (or ISO strings).
 *
 * @category client
 * @since 0.1.0
 */
export type CommandInput<C> = C extends { readonly type: string; readonly at: Date }
  ? Loose<Omit<C, 'type' | 'at'>> & { readonly at?: Date }
  : never;

/**
 * A handled command of a module: the handler's result plus the id of the aggregate (its stream name),
 * which a portal keeps to issue the next command.
 *
 * @category client
 * @since 0.1.0
 */
export type ModuleResult<Event, State> = CommandResult<Event, State> & { readonly id: string };

/** @inline */
type Cmd = { readonly type: string; readonly at: Date };
type Of<C extends Cmd, K extends string> = Extract<C, { readonly type: K }>;

/**
 * One method per command of an aggregate, named after the command (`SubmitReport` → `submitReport`).
 * Commands that start an aggregate take their input and return the new id; every other command takes the
 * id first.
 *
 * @category client
 * @since 0.1.0
 */
export type CommandMethods<C extends Cmd, Event, State, Err, Creating extends string> = {
  readonly [K in C['type'] as Uncapitalize<K>]: K extends Creating
    ? (
        input: CommandInput<Of<C, K>>,
        options?: CommandOptions,
      ) => TE.TaskEither<CommandError<Err>, ModuleResult<Event, State>>
    : Partial<CommandInput<Of<C, K>>> extends CommandInput<Of<C, K>>
      ? (
          id: string,
          input?: CommandInput<Of<C, K>>,
          options?: CommandOptions,
        ) => TE.TaskEither<CommandError<Err>, ModuleResult<Event, State>>
      : (
          id: string,
          input: CommandInput<Of<C, K>>,
          options?: CommandOptions,
        ) => TE.TaskEither<CommandError<Err>, ModuleResult<Event, State>>;
};

/**
 * What a module needs from the client: the command handler, the clock and the id generator.
 *
 * @category client
 * @since 0.1.0
 */
export interface ModuleRuntime {
  readonly handleCommand: HandleCommand;
  readonly clock: () => Date;
  readonly newId: () => string;
}

/**
 * How a module names the stream of an aggregate that a command starts, from the validated command.
 *
 * @category client
 * @since 0.1.0
 */
export type StreamFor<C> = (command: C, newId: () => string) => string;

/**
 * Every command name of an aggregate, listed once: a list that misses one does not compile.
 *
 * @category client
 * @since 0.1.0
 */
export type AllOf<T extends string> = readonly T[];

/**
 * A UUID (version 8, RFC 9562's custom version) derived from a command's type and id with SHA-256: the same
 * command id always names the same new aggregate.
 *
 * @category client
 * @since 0.1.0
 */
export const idFromCommandId = (commandType: string, commandId: string): string => {
  const hex = createHash('sha256').update(`${commandType}\u0000${commandId}`).digest('hex').slice(0, 32);
  const variant = ((parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};

/**
 * Checks at compile time that `list` names every member of `T`.
 *
 * @category client
 * @since 0.1.0
 */
export const everyCommand =
  <T extends string>() =>
  <L extends readonly T[]>(
    list: L & ([Exclude<T, L[number]>] extends [never] ? unknown : { missing: Exclude<T, L[number]> }),
  ): AllOf<T> =>
    list;

/**
 * Builds the command methods of one aggregate over `handleCommand`.
 *
 * @category client
 * @since 0.1.0
 */
export const commandModule = <
  C extends Cmd,
  Event extends { readonly type: string; readonly data: unknown },
  State,
  Err,
  Creating extends C['type'],
>(
  aggregate: Aggregate<C, Event, State, Err>,
  environment: ModuleRuntime,
  commands: AllOf<C['type']>,
  creating: { readonly [K in Creating]: StreamFor<Of<C, K>> },
): CommandMethods<C, Event, State, Err, Creating> => {
  const methods: Record<string, unknown> = {};
  for (const type of commands as readonly string[]) {
    const name = type.charAt(0).toLowerCase() + type.slice(1);
    const start = (creating as unknown as Partial<Record<string, StreamFor<C>>>)[type];
    methods[name] =
      start === undefined
        ? (id: string, input: object = {}, options?: CommandOptions) =>
            run(id, { ...input, type, at: atOf(input) }, options)
        : (input: object, options?: CommandOptions) => async () => {
            const command = { ...input, type, at: atOf(input) };
            // The stream name comes from the command (its region), so the command is checked first: a wrong
            // region is reported at `region`, not as a bad stream name.
            const decoded = aggregate.commands.decode(command);
            if (E.isLeft(decoded)) return E.left(toValidationError(decoded.left));
            // With a command id, the new aggregate's id is derived from it: a retried request that reaches
            // another portal instance lands on the same stream, where the first outcome is found, instead of
            // starting a second aggregate. Without one, the id is a fresh UUIDv7.
            const commandId = options?.commandId;
            const newId =
              commandId === undefined ? environment.newId : () => idFromCommandId(type, commandId);
            // A new aggregate's stream cannot exist yet: nothing is read for it. (If it does — the same command
            // sent again with its id — the append is refused and the stream read: the first outcome is found.)
            return run(start(decoded.right, newId), command, { expectedRevision: 'no_stream', ...options })();
          };
  }
  const run =
    (
      id: string,
      command: object,
      options?: CommandOptions,
    ): TE.TaskEither<CommandError<Err>, ModuleResult<Event, State>> =>
    async () =>
      // The id is the stream the outcome belongs to: a repeated command id returns the first outcome, whose
      // stream is not the id a creating method has just drawn for the repeat.
      E.map((result: CommandResult<Event, State>) => ({ ...result, id: result.streamName }))(
        await environment.handleCommand(aggregate, id, command, options)(),
      );
  const atOf = (input: object): unknown =>
    'at' in input && input.at !== undefined ? input.at : environment.clock();
  return methods as CommandMethods<C, Event, State, Err, Creating>;
};
