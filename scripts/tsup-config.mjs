// The one tsup configuration every published package builds with. The entry points are read from the
// package's own `exports` map, so an entry added there is built without a second list to keep in step.
import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsup';

/**
 * Reads the entry points of a package from its `exports` map: each subpath's `@adal/source` file is built
 * to the name its `import.default` target has in `dist`.
 *
 * @param {URL} packageJsonUrl the package's package.json
 * @returns {Record<string, string>} dist name (without extension) to source file
 */
export const entriesFromExports = (packageJsonUrl) => {
  const pkg = JSON.parse(readFileSync(packageJsonUrl, 'utf8'));
  /** @type {Record<string, string>} */
  const entry = {};
  for (const [subpath, target] of Object.entries(pkg.exports ?? {})) {
    if (typeof target !== 'object' || target === null) continue;
    const source = target['@adal/source'];
    const built = target.import?.default;
    if (typeof source !== 'string' || typeof built !== 'string') {
      throw new Error(
        `${pkg.name}: export "${subpath}" needs an "@adal/source" file and an "import.default" target`,
      );
    }
    const name = /^\.\/dist\/(.+)\.js$/.exec(built)?.[1];
    if (name === undefined) {
      throw new Error(
        `${pkg.name}: export "${subpath}" must point "import.default" at ./dist/<name>.js, got ${built}`,
      );
    }
    entry[name] = source.replace(/^\.\//, '');
  }
  return entry;
};

/**
 * The build of one package: ESM (`.js`) and CJS (`.cjs`) with their declarations (`.d.ts`, `.d.cts`).
 *
 * @param {URL} packageJsonUrl the package's package.json
 */
export const adalPackageConfig = (packageJsonUrl) =>
  defineConfig({
    entry: entriesFromExports(packageJsonUrl),
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
    sourcemap: true,
    target: 'node20',
    platform: 'node',
    treeshake: true,
    // Keep `node:` specifiers as written: every supported Node has them, and they cannot be shadowed by an
    // npm package of the same name.
    removeNodeProtocol: false,
  });
