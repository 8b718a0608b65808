/**
 * Reading a projection's documents from a read-model store, decoded by their codecs: one document, every
 * document under a prefix, or one page. Shared by the read models' queries; internal to the client, but
 * for {@link ReadModelDocumentInvalid}, which the package exports.
 */
import type { DocumentQuery, JsonValue, ReadModelStore, StoreUnavailable, ValidationError } from '@adal/core';
import type { LocalDate } from '@adal/core';
import { localDate, MAX_DOCUMENT_PAGE, toValidationError, validationError } from '@adal/core';
import * as E from 'fp-ts/lib/Either.js';
import * as O from 'fp-ts/lib/Option.js';
import * as t from 'io-ts/lib/index.js';

/**
 * A stored document of the read model that its codec refuses: the store was written by something else, or
 * by a different version of the projection.
 *
 * @category errors
 * @since 0.1.0
 */
export interface ReadModelDocumentInvalid {
  readonly _tag: 'ReadModelDocumentInvalid';
  readonly projection: string;
  readonly id: string;
  readonly message: string;
}

/**
 * Why a read-model query gave no answer: bad input (named by field), an unreachable store, or a stored
 * document that does not read.
 *
 * @category errors
 * @since 0.1.0
 */
export type ReadError = ValidationError | StoreUnavailable | ReadModelDocumentInvalid;

/** Decodes a stored document of a projection, naming the document when its codec refuses it. */
const decodeDocument = <A>(
  projection: string,
  codec: t.Decoder<unknown, A>,
  id: string,
  document: JsonValue,
): E.Either<ReadModelDocumentInvalid, A> => {
  const decoded = codec.decode(document);
  return E.isRight(decoded)
    ? decoded
    : E.left({
        _tag: 'ReadModelDocumentInvalid',
        projection,
        id,
        message: `document ${id} of ${projection} does not read: ${toValidationError(decoded.left).message}`,
      });
};

/** The documents of one projection listed through a store (by prefix and fields), and decoded. */
export const documentPages = (readModels: Pick<ReadModelStore, 'findDocuments'>, projection: string) => {
  /** One page of documents under a prefix, with the `after` of the next page. */
  const page = async <A>(
    codec: t.Decoder<unknown, A>,
    query: DocumentQuery,
  ): Promise<E.Either<ReadError, { readonly documents: A[]; readonly next?: string }>> => {
    const found = await readModels.findDocuments(projection, query)();
    if (E.isLeft(found)) return found;
    const documents: A[] = [];
    for (const { id, document } of found.right.documents) {
      const decoded = decodeDocument(projection, codec, id, document);
      if (E.isLeft(decoded)) return decoded;
      documents.push(decoded.right);
    }
    return E.right(found.right.next === undefined ? { documents } : { documents, next: found.right.next });
  };

  /**
   * Every document under a prefix, page by page (1,000 a page unless the query says). Meant for lists
   * bounded by the domain (regions, a region's bodies or services), not by the number of events.
   */
  const all = async <A>(
    codec: t.Decoder<unknown, A>,
    query: Omit<DocumentQuery, 'after'>,
  ): Promise<E.Either<ReadError, A[]>> => {
    const documents: A[] = [];
    let after: string | undefined;
    for (;;) {
      const next = await page(codec, { limit: 1000, ...query, ...(after === undefined ? {} : { after }) });
      if (E.isLeft(next)) return next;
      documents.push(...next.right.documents);
      if (next.right.next === undefined) return E.right(documents);
      after = next.right.next;
    }
  };

  /**
   * A page of the documents under a prefix that match `where`, without their `kind`: the documents behind
   * a figure. An `after` that is not the `next` of an earlier page of the same list is refused.
   */
  const behind = async <A extends { readonly kind: string }>(
    codec: t.Decoder<unknown, A>,
    prefix: string,
    query: Pick<DocumentQuery, 'where'> & {
      readonly after?: string | undefined;
      readonly limit?: number | undefined;
    },
  ): Promise<E.Either<ReadError, { readonly documents: Omit<A, 'kind'>[]; readonly next?: string }>> => {
    const { where, after, limit } = query;
    const checked = checkAfter(after, prefix);
    if (E.isLeft(checked)) return checked;
    const found = await page(codec, {
      prefix,
      ...(where === undefined ? {} : { where }),
      ...(after === undefined ? {} : { after }),
      ...(limit === undefined ? {} : { limit }),
    });
    return E.map(({ documents, next }: { readonly documents: A[]; readonly next?: string }) => {
      const listed = documents.map(({ kind: _kind, ...rest }) => rest);
      return next === undefined ? { documents: listed } : { documents: listed, next };
    })(found);
  };

  return { page, all, behind };
};

/** The documents of one projection, read through a store and decoded: one by id, or listed. */
export const documentReader = (
  readModels: Pick<ReadModelStore, 'findDocuments' | 'getDocument'>,
  projection: string,
) => {
  /** One document, or `undefined` when there is none. */
  const one = async <A>(
    codec: t.Decoder<unknown, A>,
    id: string,
  ): Promise<E.Either<ReadError, A | undefined>> => {
    const found = await readModels.getDocument(projection, id)();
    if (E.isLeft(found)) return found;
    return O.isNone(found.right)
      ? E.right(undefined)
      : decodeDocument(projection, codec, id, found.right.value);
  };

  return { one, ...documentPages(readModels, projection) };
};

/** Decodes a query's input with a codec, naming each bad field in a `ValidationError`. */
export const checkInput = <A>(codec: t.Decoder<unknown, A>, input: unknown): E.Either<ValidationError, A> =>
  E.mapLeft(toValidationError)(codec.decode(input));

/** Refuses an `after` that is not the `next` of an earlier page of the same list. */
export const checkAfter = (after: string | undefined, prefix: string): E.Either<ValidationError, void> =>
  after === undefined || after.startsWith(prefix)
    ? E.right(undefined)
    : E.left(
        validationError([
          {
            path: 'after',
            message: `expected the \`next\` of an earlier page of this list, got ${JSON.stringify(after)}`,
          },
        ]),
      );

/** The day a query is asked for: `asOf` as given (`YYYY-MM-DD`), or today in Kazakhstan by the clock. */
export const dayAsked = (asOf: LocalDate | undefined, clock: () => Date): LocalDate =>
  asOf ?? localDate(clock());

/** A page size: a whole number from 1 to 10,000. */
export const PageLimit = t.refinement(
  t.number,
  (n) => Number.isInteger(n) && n >= 1 && n <= MAX_DOCUMENT_PAGE,
  `PageLimit (1 to ${MAX_DOCUMENT_PAGE})`,
);
