/**
 * What the browser gets for a refusal: the error's tag, a message fit to show, and for bad input the
 * problems by field (`{ "point": ["(43.24, 76.89) is not in Astana (city) (KZ-71)"] }`).
 */
export interface ApiErrorBody {
  readonly error: {
    readonly tag: string;
    readonly message: string;
    readonly fields?: Readonly<Record<string, readonly string[]>>;
  };
}

/** An HTTP status with its body. */
export interface ApiError {
  readonly status: number;
  readonly body: ApiErrorBody;
}

/** The shape every SDK error shares; a `ValidationError` adds its issues. */
export interface SdkError {
  readonly _tag: string;
  readonly message: string;
  readonly issues?: readonly { readonly path: string; readonly message: string }[];
}

// The store or the process failed: the details (a connection, a stack of causes) are for the operator's
// log, not for the browser, and the caller can only retry.
const UNAVAILABLE = new Set(['StoreUnavailable', 'ReceiptDerivationFailed', 'MissingConfiguration']);
// Errors the portal's own code would have to cause: never the caller's fault, never explained to them.
const INTERNAL = new Set([
  'EventDecodeFailed',
  'InvalidStreamName',
  'WrongStreamCategory',
  'BatchTooLarge',
  'ReadModelDocumentInvalid',
]);
const NOT_FOUND = new Set(['ReceiptNotRecognised', 'StreamNotFound']);

/** Groups a validation error's issues by field; an issue about the whole input goes under `''`. */
export const fieldsOf = (error: SdkError): Readonly<Record<string, readonly string[]>> => {
  const fields: Record<string, string[]> = {};
  for (const issue of error.issues ?? []) (fields[issue.path] ??= []).push(issue.message);
  return fields;
};

/**
 * Maps an SDK error to its HTTP answer: 400 for bad input (with the fields), 403 for access control, 404
 * for an unknown receipt, 409 for a concurrency conflict or a domain rule the report's state refuses
 * (`NotAllowedInStatus`, `DuplicateTakesNoFollowUps`, …), 503 when the store or a derivation failed and
 * 500 for what only a bug causes. Only the first three carry the SDK's message: it names the caller's
 * problem and nothing of the server.
 */
export const httpError = (error: SdkError): ApiError => {
  const tag = error._tag;
  if (tag === 'ValidationError')
    return { status: 400, body: { error: { tag, message: error.message, fields: fieldsOf(error) } } };
  if (tag === 'AccessDenied') return { status: 403, body: { error: { tag, message: error.message } } };
  if (NOT_FOUND.has(tag)) return { status: 404, body: { error: { tag, message: error.message } } };
  if (UNAVAILABLE.has(tag))
    return {
      status: 503,
      body: { error: { tag: 'Unavailable', message: 'The service is unavailable; try again later.' } },
    };
  if (INTERNAL.has(tag)) return internalError;
  // What is left conflicts with the report's current state: a concurrent writer (`ConcurrencyConflict`,
  // `WrongExpectedRevision`) or a rule of the domain (`ReportIsFinal`, …), whose message is a sentence.
  return { status: 409, body: { error: { tag, message: error.message } } };
};

/** The answer to anything unexpected: no message, no stack. */
export const internalError: ApiError = {
  status: 500,
  body: { error: { tag: 'InternalError', message: 'Something went wrong on our side.' } },
};
