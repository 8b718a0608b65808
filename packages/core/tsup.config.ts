import { adalPackageConfig } from '../../scripts/tsup-config.mjs';

// Entry points come from this package's `exports` map (see scripts/tsup-config.mjs).
export default adalPackageConfig(new URL('./package.json', import.meta.url));
