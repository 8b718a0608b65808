/**
 * What the read models share in keeping figures over their documents: the region an event counts in, a
 * stored document of the kind expected, and the bookkeeping of the read models that keep one document per
 * stream (what it counts for) beside a region's ledger (the running totals every event moves). Internal to
 * the read models: the package's index does not export this module.
 */
import type { DocumentView } from '../Projection.js';
import type { RecordedEvent } from '../RecordedEvent.js';
import type { RegionCode } from '../shared/Region.js';
import { Region } from '../shared/Region.js';
import { streamNameParts } from '../StreamName.js';

/** The region an event counts in: the one its stream name carries; `undefined` for none known (`KZ-00`). */
export const regionOf = (recorded: Pick<RecordedEvent, 'streamName'>): RegionCode | undefined => {
  const { region } = streamNameParts(recorded.streamName);
  return Region.is(region) ? region : undefined;
};

/** A stored document when it is of the kind asked for, `undefined` otherwise (or when there is none). */
export const ofKind = <D extends { readonly kind: string }, K extends string>(
  document: D | undefined,
  kind: K,
): Extract<D, { readonly kind: K }> | undefined =>
  document?.kind === kind ? (document as Extract<D, { readonly kind: K }>) : undefined;

/** Replaces (or inserts, in id order) the entry whose `key` is `id`. */
export const upsert = <K extends string, A extends Readonly<Record<K, string>>>(
  entries: readonly A[],
  key: K,
  id: string,
  change: (entry: A | undefined) => A,
): readonly A[] => {
  const index = entries.findIndex((entry) => entry[key] === id);
  if (index >= 0) return entries.map((entry, i) => (i === index ? change(entry) : entry));
  const next = change(undefined);
  const at = entries.findIndex((entry) => entry[key] > id);
  return at < 0 ? [...entries, next] : [...entries.slice(0, at), next, ...entries.slice(at)];
};

/** How a read model's figures add up: zeros, a sum (`sign` -1 subtracts), and what one item adds. */
export interface FigureArithmetic<F, Item> {
  readonly empty: F;
  readonly add: (a: F, b: F, sign?: 1 | -1) => F;
  readonly contribution: (item: Item) => F;
}

/**
 * A read model that remembers, per stream, the item it counts (a recommendation, a rating) in document
 * `itemId(region, stream)` of kind `itemKind`, and keeps its region's running totals in a ledger, document
 * `ledgerId(region)` of kind `ledger`. Each event reads the two; an item changed by the event moves every
 * total it counts in by what it adds now less what it added before.
 */
export interface ItemLedger<D extends { readonly kind: string }, IK extends D['kind'], F> {
  readonly itemKind: IK;
  readonly itemId: (region: RegionCode, streamName: string) => string;
  readonly ledgerId: (region: RegionCode) => string;
  readonly emptyLedger: (region: RegionCode) => Extract<D, { readonly kind: 'ledger' }>;
  readonly figures: FigureArithmetic<F, Extract<D, { readonly kind: IK }>>;
}

/** What an event changed in an item, with the documents around it, for the read model to write. */
export interface ItemChange<D extends { readonly kind: string }, IK extends D['kind'], F> {
  readonly region: RegionCode;
  readonly itemId: string;
  /** The item after the event. */
  readonly after: Extract<D, { readonly kind: IK }>;
  /** The region's totals before the event (zeros for a region without any). */
  readonly ledger: Extract<D, { readonly kind: 'ledger' }>;
  /** Moves a total the item counts in (absent: zeros) by the item's change. */
  readonly move: (total: F | undefined) => F;
}

/** The documents an event of a stream reads: its item and its region's ledger; none outside a region. */
export const itemLedgerReads = <D extends { readonly kind: string }, IK extends D['kind'], F>(
  model: ItemLedger<D, IK, F>,
  recorded: RecordedEvent,
): readonly string[] => {
  const region = regionOf(recorded);
  return region === undefined ? [] : [model.itemId(region, recorded.streamName), model.ledgerId(region)];
};

/**
 * Steps the stream's item through an event: `undefined` when the event counts nowhere (no region), or
 * leaves the item as it was (`step` returned the same object, or `undefined` for an item never started).
 */
export const changeItem = <D extends { readonly kind: string }, IK extends D['kind'], F, Ev>(
  model: ItemLedger<D, IK, F>,
  step: (
    before: Extract<D, { readonly kind: IK }> | undefined,
    event: Ev,
    recorded: RecordedEvent,
    region: RegionCode,
  ) => Extract<D, { readonly kind: IK }> | undefined,
  event: Ev,
  recorded: RecordedEvent,
  documents: DocumentView<D>,
): ItemChange<D, IK, F> | undefined => {
  const region = regionOf(recorded);
  if (region === undefined) return undefined;
  const itemId = model.itemId(region, recorded.streamName);
  const before = ofKind(documents(itemId), model.itemKind);
  const after = step(before, event, recorded, region);
  if (after === before || after === undefined) return undefined;
  const { figures } = model;
  const delta = figures.add(
    figures.contribution(after),
    before === undefined ? figures.empty : figures.contribution(before),
    -1,
  );
  return {
    region,
    itemId,
    after,
    ledger: ofKind(documents(model.ledgerId(region)), 'ledger') ?? model.emptyLedger(region),
    move: (total) => figures.add(total ?? figures.empty, delta),
  };
};
