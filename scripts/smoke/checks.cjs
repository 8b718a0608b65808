// The checks the pack smoke test runs inside the scratch project, once from an ES module and once from a
// CommonJS module. It is CommonJS itself so that both consumers can load it on every supported Node; the
// consumer passes in its own `load` and `resolve`, so each entry point is resolved with the consumer's
// conditions ("import" or "require"), exactly as an application would resolve it.
'use strict';

const path = require('node:path');
const { randomUUID } = require('node:crypto');

const ENTRIES = [
  '@adal/core',
  '@adal/core/testing',
  '@adal/client',
  '@adal/adapters',
  '@adal/adapters/memory',
  '@adal/adapters/postgres',
  '@adal/adapters/eventstoredb',
  '@adal/adapters/testing',
];

const STREAM = 'report-KZ-71-smoke';

/** JSON for failure messages; store errors and events carry bigint revisions, which JSON.stringify refuses. */
const show = (value) => JSON.stringify(value, (_key, v) => (typeof v === 'bigint' ? `${v}n` : v));

/**
 * Runs every check, printing one `ok` or `FAIL` line each, and resolves to the number that failed.
 *
 * @param {{ mode: 'esm' | 'cjs', load: (specifier: string) => Promise<any>, resolve: (specifier: string) => string }} consumer
 * @returns {Promise<number>}
 */
module.exports = async function runChecks({ mode, load, resolve }) {
  let failed = 0;
  const check = async (name, body) => {
    try {
      const detail = await body();
      console.log(`ok   [${mode}] ${name}${detail ? ` (${detail})` : ''}`);
    } catch (error) {
      failed += 1;
      const reason = error instanceof Error ? (error.stack ?? error.message) : String(error);
      console.log(`FAIL [${mode}] ${name}: ${reason.split('\n').slice(0, 6).join('\n       ')}`);
    }
  };
  const expect = (condition, message) => {
    if (!condition) throw new Error(message);
  };
  const extension = mode === 'esm' ? '.js' : '.cjs';
  const installed = path.join(process.cwd(), 'node_modules');

  /** @type {Record<string, any>} */
  const modules = {};
  for (const specifier of ENTRIES) {
    await check(`${specifier} resolves to its ${extension} build and loads`, async () => {
      const file = resolve(specifier);
      const packageName = specifier.split('/').slice(0, 2).join('/');
      expect(
        file.startsWith(path.join(installed, packageName, 'dist') + path.sep),
        `resolved to ${file}, not to the installed tarball's dist`,
      );
      expect(file.endsWith(extension), `resolved to ${file}, expected a ${extension} file`);
      const loaded = await load(specifier);
      const names = Object.keys(loaded).filter((key) => key !== 'default' && key !== '__esModule');
      expect(names.length > 0, 'the module has no exports');
      modules[specifier] = loaded;
      return `${path.relative(installed, file)}, ${names.length} exports`;
    });
  }
  const has = (specifier) => modules[specifier] !== undefined;

  if (has('@adal/core')) {
    const { parseStreamName, streamNameParts } = modules['@adal/core'];
    await check('@adal/core parseStreamName accepts and splits a stream name', () => {
      const parsed = parseStreamName(STREAM);
      expect(parsed._tag === 'Right' && parsed.right === STREAM, `got ${show(parsed)}`);
      const parts = streamNameParts(parsed.right);
      expect(
        parts.category === 'report' && parts.region === 'KZ-71' && parts.id === 'smoke',
        `parts ${show(parts)}`,
      );
    });
    await check('@adal/core parseStreamName refuses a name without a region', () => {
      const parsed = parseStreamName('report-42');
      expect(parsed._tag === 'Left' && parsed.left._tag === 'InvalidStreamName', `got ${show(parsed)}`);
    });
  }

  if (has('@adal/core/testing')) {
    await check('@adal/core/testing runs a given/when/then specification', async () => {
      // The published code reaches fp-ts through `fp-ts/lib/*.js`; the consumer does the same here.
      const E = await load('fp-ts/lib/Either.js');
      const { DeciderSpecification, DeciderSpecFailed } = modules['@adal/core/testing'];
      const door = {
        initialState: 'closed',
        evolve: (_state, event) => (event.type === 'Opened' ? 'open' : 'closed'),
        decide: (command, state) =>
          command === 'open'
            ? state === 'open'
              ? E.left({ _tag: 'AlreadyOpen' })
              : E.right([{ type: 'Opened', data: {} }])
            : E.right(state === 'open' ? [{ type: 'Closed', data: {} }] : []),
      };
      const spec = DeciderSpecification.for(door);
      spec
        .given([])
        .when('open')
        .then([{ type: 'Opened', data: {} }]);
      spec
        .given([{ type: 'Opened', data: {} }])
        .when('open')
        .thenFails('AlreadyOpen');
      let refused = false;
      try {
        spec.given([]).when('open').thenNothingHappens();
      } catch (error) {
        refused = error instanceof DeciderSpecFailed;
      }
      expect(refused, 'a broken expectation did not throw DeciderSpecFailed');
    });
  }

  if (has('@adal/adapters/postgres')) {
    await check(
      '@adal/adapters/postgres opens the embedded store (PGlite) in a folder, appends and reads back',
      async () => {
        const fs = require('node:fs');
        const os = require('node:os');
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), `adal-smoke-${mode}-`));
        try {
          const opened = await modules['@adal/adapters/postgres'].openEmbeddedEventStore({ dir })();
          expect(opened._tag === 'Right', `open refused: ${show(opened.left)}`);
          const store = opened.right;
          try {
            const id = randomUUID();
            const toAppend = { id, type: 'Smoke', schemaVersion: 1, data: { n: 1 }, metadata: {} };
            const appended = await store.appendToStream(STREAM, [toAppend], {
              expectedRevision: 'no_stream',
            })();
            expect(appended._tag === 'Right', `append refused: ${show(appended.left)}`);
            const read = await store.readStream(STREAM)();
            expect(read._tag === 'Right' && read.right.events[0]?.id === id, `read back: ${show(read)}`);
          } finally {
            await store.close();
          }
          return dir;
        } finally {
          fs.rmSync(dir, { recursive: true, force: true });
        }
      },
    );
  }

  if (has('@adal/adapters/memory')) {
    await check('@adal/adapters/memory appends an event and reads it back', async () => {
      const store = modules['@adal/adapters/memory'].createMemoryEventStore();
      try {
        const id = randomUUID();
        const toAppend = { id, type: 'Smoke', schemaVersion: 1, data: { n: 1 }, metadata: {} };
        const appended = await store.appendToStream(STREAM, [toAppend], { expectedRevision: 'no_stream' })();
        expect(appended._tag === 'Right', `append refused: ${show(appended.left)}`);
        expect(
          appended.right.nextExpectedRevision === 0n,
          `next revision ${appended.right.nextExpectedRevision}`,
        );
        const read = await store.readStream(STREAM)();
        expect(read._tag === 'Right', `read refused: ${show(read.left)}`);
        const [event, ...rest] = read.right.events;
        expect(
          event !== undefined && rest.length === 0,
          `read ${read.right.events.length} events, expected 1`,
        );
        expect(
          event.id === id && event.type === 'Smoke' && event.schemaVersion === 1,
          'wrong id, type or version',
        );
        expect(event.streamName === STREAM && event.streamRevision === 0n, 'wrong stream name or revision');
        expect(JSON.stringify(event.data) === '{"n":1}', `data ${show(event.data)}`);
        expect(event.recordedAt instanceof Date, 'recordedAt is not a Date');
        const again = await store.appendToStream(STREAM, [{ ...toAppend, id: randomUUID() }], {
          expectedRevision: 'no_stream',
        })();
        expect(
          again._tag === 'Left' && again.left._tag === 'WrongExpectedRevision',
          `a second "no_stream" append gave ${show(again._tag === 'Left' ? again.left : 'success')}`,
        );
        return `event ${id}`;
      } finally {
        await store.close();
      }
    });
  }

  if (has('@adal/adapters')) {
    await check('@adal/adapters creates an empty memory store', async () => {
      const store = modules['@adal/adapters'].createMemoryEventStore();
      expect(store.size() === 0, `a new store holds ${store.size()} events`);
      await store.close();
    });
  }

  if (has('@adal/adapters/testing') && has('@adal/adapters/memory')) {
    await check('@adal/adapters/testing contract suite passes on the memory store', async () => {
      const { describeEventStoreContract } = modules['@adal/adapters/testing'];
      const { createMemoryEventStore } = modules['@adal/adapters/memory'];
      // A runner of the two functions the suite needs: collect the cases, then run them one by one.
      const cases = [];
      const prefix = [];
      const runner = {
        describe: (name, body) => {
          prefix.push(name);
          body();
          prefix.pop();
        },
        it: (name, body) => cases.push({ name: [...prefix, name].join(' > '), body }),
      };
      describeEventStoreContract(runner, 'memory (packed)', async ({ limits }) => {
        const store = createMemoryEventStore({ limits });
        return { store, snapshots: store, teardown: () => store.close() };
      });
      expect(cases.length > 0, 'the suite registered no case');
      const failures = [];
      for (const contractCase of cases) {
        try {
          await contractCase.body();
        } catch (error) {
          failures.push(`${contractCase.name}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      expect(
        failures.length === 0,
        `${failures.length} of ${cases.length} cases failed:\n${failures.join('\n')}`,
      );
      return `${cases.length} cases`;
    });
  }

  if (has('@adal/client')) {
    await check('@adal/client exports at least one function', () => {
      const functions = Object.entries(modules['@adal/client'])
        .filter(([, value]) => typeof value === 'function')
        .map(([name]) => name);
      expect(functions.length > 0, 'no function export');
      return functions.join(', ');
    });
  }

  return failed;
};
