#!/usr/bin/env node
// The pack smoke test: the published packages as an application gets them. It packs each package with
// `pnpm pack` (which rewrites `workspace:*` to real versions), installs the tarballs with npm into a scratch
// project outside the workspace, and uses every entry point from a plain Node ES module and from a CommonJS
// module, then type-checks both module kinds against the shipped declarations. Only this catches what works
// in the workspace but not once published: a directory import such as `fp-ts/Either` that plain Node ESM
// refuses, a file missing from `files`, a `workspace:` range left in a dependency.
//
// It builds nothing: run `pnpm build` first. Usage: node scripts/pack-smoke.mjs [--keep]
// (--keep, or ADAL_SMOKE_KEEP=1, keeps the scratch directory; it is also kept when a check fails).
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const smokeDir = path.join(root, 'scripts', 'smoke');
const PACKAGES = ['core', 'client', 'adapters'];
const PEERS = ['fp-ts', 'io-ts', '@electric-sql/pglite'];
const keep = process.argv.includes('--keep') || process.env['ADAL_SMOKE_KEEP'] === '1';

let passed = 0;
let failed = 0;
const started = Date.now();

const ok = (name, detail) => {
  passed += 1;
  console.log(`ok   ${name}${detail ? ` (${detail})` : ''}`);
};
const fail = (name, reason) => {
  failed += 1;
  console.log(`FAIL ${name}: ${String(reason).trim().split('\n').join('\n       ')}`);
};
const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));

// The children get the environment without what a parent `pnpm run` puts there (npm_config_* of pnpm's own,
// npm_package_*, the lifecycle), so npm in the scratch project behaves as it would for an application;
// where the registry, cache and proxies are configured is kept.
const KEPT_NPM_CONFIG = new Set([
  'registry',
  'cache',
  'userconfig',
  'globalconfig',
  'cafile',
  'proxy',
  'https_proxy',
  'noproxy',
  'strict_ssl',
]);
const childEnv = Object.fromEntries(
  Object.entries(process.env).filter(([key]) => {
    const lower = key.toLowerCase();
    if (lower.startsWith('npm_config_')) return KEPT_NPM_CONFIG.has(lower.slice('npm_config_'.length));
    return !lower.startsWith('npm_') && !lower.startsWith('pnpm_');
  }),
);

const run = (command, args, cwd) => {
  const result = spawnSync(command, args, {
    cwd,
    env: childEnv,
    encoding: 'utf8',
    shell: process.platform === 'win32',
    maxBuffer: 64 * 1024 * 1024,
  });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? String(result.error) : ''}`;
  return { ok: result.status === 0, output };
};

// pnpm as the caller ran it (`pnpm smoke` sets npm_execpath to pnpm's own script); otherwise one on the
// PATH; otherwise the version the workspace pins in `packageManager`, through npx.
const pnpmCommand = () => {
  const execpath = process.env['npm_execpath'] ?? '';
  if (/pnpm\.[cm]?js$/.test(execpath)) return [process.execPath, execpath];
  if (run('pnpm', ['--version'], root).ok) return ['pnpm'];
  const pinned = String(readJson(path.join(root, 'package.json')).packageManager ?? 'pnpm@10').split('+')[0];
  return ['npx', '-y', pinned];
};

const BUILTINS = new Set(builtinModules);
const IMPORTS = [
  /^\s*(?:import|export)\s[^;]*?\sfrom\s*['"]([^'"\s]+)['"]/gm,
  /^\s*import\s*['"]([^'"\s]+)['"]/gm,
  /\b(?:require|import)\s*\(\s*['"]([^'"\s]+)['"]\s*\)/g,
];

/**
 * Every bare specifier in a package's dist (code and declarations, comments left out) whose package is not
 * the package itself, a dependency, a peer or an optional dependency, nor a Node builtin.
 */
const undeclaredImports = (pkgDir, pkg) => {
  const declared = new Set([
    pkg.name,
    ...Object.keys(pkg.dependencies ?? {}),
    ...Object.keys(pkg.peerDependencies ?? {}),
    ...Object.keys(pkg.optionalDependencies ?? {}),
  ]);
  const found = [];
  const distDir = path.join(pkgDir, 'dist');
  for (const file of readdirSync(distDir, { recursive: true })) {
    if (!/\.(c|m)?js$|\.d\.(c|m)?ts$/.test(file)) continue;
    const code = readFileSync(path.join(distDir, file), 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/^\s*\/\/.*$/gm, '');
    for (const specifier of IMPORTS.flatMap((pattern) => [...code.matchAll(pattern)].map((m) => m[1]))) {
      if (specifier.startsWith('.') || specifier.startsWith('node:') || BUILTINS.has(specifier)) continue;
      const name = specifier.startsWith('@')
        ? specifier.split('/').slice(0, 2).join('/')
        : specifier.split('/')[0];
      if (!declared.has(name))
        found.push(`dist/${file} imports ${specifier}, and ${name} is not a dependency`);
    }
  }
  return [...new Set(found)];
};

const main = (work) => {
  const tarballs = path.join(work, 'tarballs');
  const app = path.join(work, 'app');
  mkdirSync(tarballs);
  mkdirSync(app);
  console.log(`pack smoke test in ${work}`);

  // 1. Every package is built: the smoke test checks the build, it does not make one.
  const manifests = {};
  for (const dir of PACKAGES) {
    const pkgDir = path.join(root, 'packages', dir);
    const pkg = readJson(path.join(pkgDir, 'package.json'));
    manifests[dir] = pkg;
    const missing = Object.values(pkg.exports)
      .flatMap((target) =>
        typeof target === 'object' ? [target.import?.default, target.require?.default] : [],
      )
      .filter((file) => typeof file === 'string' && !existsSync(path.join(pkgDir, file)));
    if (missing.length > 0)
      fail(`${pkg.name} is built`, `missing ${missing.join(', ')}: run \`pnpm build\` first`);
    else ok(`${pkg.name} is built`);
  }
  if (failed > 0) return;

  // 1b. The build imports nothing the package does not declare: a devDependency that slipped into dist works
  // in the workspace and breaks for everyone who installs the package.
  for (const dir of PACKAGES) {
    const pkg = manifests[dir];
    const undeclared = undeclaredImports(path.join(root, 'packages', dir), pkg);
    if (undeclared.length > 0) fail(`${pkg.name} imports only what it declares`, undeclared.join('\n'));
    else ok(`${pkg.name} imports only what it declares`);
  }

  // 2. Pack with pnpm, so `workspace:*` ranges become the versions that would be published.
  const pnpm = pnpmCommand();
  const packed = {};
  for (const dir of PACKAGES) {
    const name = manifests[dir].name;
    const before = new Set(readdirSync(tarballs));
    const result = run(
      pnpm[0],
      [...pnpm.slice(1), 'pack', '--pack-destination', tarballs],
      path.join(root, 'packages', dir),
    );
    const made = readdirSync(tarballs).filter((file) => file.endsWith('.tgz') && !before.has(file));
    if (!result.ok || made.length !== 1) {
      fail(`${name} packs`, result.output);
      continue;
    }
    packed[name] = path.join(tarballs, made[0]);
    ok(`${name} packs`, made[0]);
  }
  if (failed > 0) return;

  // 3. A scratch project outside the workspace, so nothing resolves through the workspace's node_modules.
  const dependencies = {};
  for (const [name, tarball] of Object.entries(packed))
    dependencies[name] = `file:${path.relative(app, tarball)}`;
  // The adapters package has every peer (fp-ts, io-ts, PGlite) among its dev dependencies.
  const requireFromRoot = createRequire(path.join(root, 'packages', 'adapters', 'package.json'));
  for (const peer of PEERS) {
    // The version the workspace is tested with, which npm most likely has in its cache already.
    // Some packages do not export ./package.json: find it beside the resolved entry instead.
    let dir = path.dirname(requireFromRoot.resolve(peer));
    while (
      !existsSync(path.join(dir, 'package.json')) ||
      readJson(path.join(dir, 'package.json')).name !== peer
    ) {
      dir = path.dirname(dir);
    }
    dependencies[peer] = readJson(path.join(dir, 'package.json')).version;
  }
  writeFileSync(
    path.join(app, 'package.json'),
    `${JSON.stringify({ name: 'adal-pack-smoke', version: '0.0.0', private: true, dependencies }, null, 2)}\n`,
  );
  const install = run(
    'npm',
    ['install', '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts', '--loglevel=error'],
    app,
  );
  if (!install.ok) {
    fail('npm install of the tarballs and peers', install.output);
    return;
  }
  ok('npm install of the tarballs and peers', Object.keys(dependencies).join(', '));

  // 4. What npm installed is what was packed: no `workspace:` range survived packing, and every copy of an
  // @adal package came from a tarball, none from the registry (npm records where each one came from).
  const lock = readJson(path.join(app, 'package-lock.json'));
  const fromRegistry = Object.entries(lock.packages ?? {})
    .filter(
      ([where, entry]) =>
        /(^|\/)node_modules\/@adal\//.test(where) && !String(entry.resolved).startsWith('file:'),
    )
    .map(([where, entry]) => `${where} from ${entry.resolved}`);
  if (fromRegistry.length > 0)
    fail('every @adal package installed from its tarball', fromRegistry.join('\n'));
  else ok('every @adal package installed from its tarball');
  for (const dir of PACKAGES) {
    const name = manifests[dir].name;
    const installed = readJson(path.join(app, 'node_modules', ...name.split('/'), 'package.json'));
    const ranges = JSON.stringify([
      installed.dependencies,
      installed.peerDependencies,
      installed.optionalDependencies,
    ]);
    if (ranges.includes('workspace:')) fail(`${name} was packed without workspace: ranges`, ranges);
    else ok(`${name} was packed without workspace: ranges`);
  }

  // 5. Use every entry point from plain Node: ESM with `import`, CJS with `require`.
  for (const file of ['checks.cjs', 'consumer.mjs', 'consumer.cjs'])
    copyFileSync(path.join(smokeDir, file), path.join(app, file));
  for (const consumer of ['consumer.mjs', 'consumer.cjs']) {
    const result = spawnSync(process.execPath, [consumer], { cwd: app, env: childEnv, encoding: 'utf8' });
    const lines = `${result.stdout ?? ''}${result.stderr ?? ''}`.trimEnd();
    if (lines) console.log(lines);
    const counted = lines.split('\n').filter((line) => /^(ok|FAIL) /.test(line));
    passed += counted.filter((line) => line.startsWith('ok ')).length;
    failed += counted.filter((line) => line.startsWith('FAIL ')).length;
    if (result.status !== 0 && !counted.some((line) => line.startsWith('FAIL '))) {
      fail(`node ${consumer}`, `exited with ${result.status ?? result.signal}`);
    }
  }

  // The operator CLI, as an installed app's `npx adal` runs it.
  const adalCli = run(path.join(app, 'node_modules', '.bin', 'adal'), ['--help'], app);
  if (adalCli.ok && adalCli.output.includes('Usage: adal <command>'))
    ok('the adal command runs from the tarball');
  else fail('the adal command runs from the tarball', adalCli.output);

  // 6. Type-check an ESM and a CJS consumer against the shipped .d.ts and .d.cts, with fp-ts' and io-ts' own
  // types, under `module: node16` (the resolution attw checks, here with the peers installed).
  let tsc;
  try {
    tsc = requireFromRoot.resolve('typescript/bin/tsc');
  } catch {
    console.log('skip type check of the consumers: typescript is not installed in the workspace');
  }
  if (tsc !== undefined) {
    copyFileSync(path.join(smokeDir, 'types.mts'), path.join(app, 'types.mts'));
    copyFileSync(path.join(smokeDir, 'types.mts'), path.join(app, 'types.cts'));
    const compilerOptions = {
      strict: true,
      target: 'ES2022',
      lib: ['ES2022'],
      module: 'node16',
      moduleResolution: 'node16',
      // @adal/client is Node-only (node:crypto in its types): its @types/node dependency is the one global
      // a consumer needs.
      types: ['node'],
      noEmit: true,
      skipLibCheck: false,
    };
    for (const [kind, file] of [
      ['an ESM (.d.ts)', 'types.mts'],
      ['a CJS (.d.cts)', 'types.cts'],
    ]) {
      const config = `tsconfig.${path.extname(file).slice(1)}.json`;
      writeFileSync(path.join(app, config), JSON.stringify({ compilerOptions, files: [file] }, null, 2));
      const result = run(process.execPath, [tsc, '-p', config], app);
      if (result.ok) ok(`types: ${kind} consumer type-checks under module node16`);
      else fail(`types: ${kind} consumer type-checks under module node16`, result.output);
    }
  }
};

const work = mkdtempSync(path.join(tmpdir(), 'adal-smoke-'));
try {
  main(work);
} catch (error) {
  fail('pack smoke test', error instanceof Error ? (error.stack ?? error.message) : error);
}
if (failed === 0 && !keep) rmSync(work, { recursive: true, force: true });
else console.log(`scratch project kept in ${work}`);
console.log(`pack smoke took ${((Date.now() - started) / 1000).toFixed(1)}s`);
// The closing line in the plain form CI logs are read for.
console.log(`smoke: ${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
