import { adalPackageConfig, entriesFromExports } from '../../scripts/tsup-config.mjs';

const packageJson = new URL('./package.json', import.meta.url);

// Entry points come from this package's `exports` map (see scripts/tsup-config.mjs), plus the `adal`
// command of the `bin` field, which is built but deliberately not exported: the CLI is not part of the
// library's API.
const config = adalPackageConfig(packageJson);

export default {
  ...config,
  entry: { ...entriesFromExports(packageJson), 'cli/main': 'src/cli/main.ts' },
};
