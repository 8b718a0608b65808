#!/usr/bin/env node
// `changeset status`, run only where it can answer. It finds where HEAD diverged from the base branch with
// `git merge-base`, so it fails outright in a clone that has no such branch (a single-branch or detached CI
// checkout) or too little history (a shallow clone). And `--since` keeps only the changesets changed since
// that point, so on the base branch itself it would ignore every committed changeset. Hence:
//
// - HEAD has commits that the base branch lacks: `changeset status --since=<base>`, the check a pull request
//   needs (every package changed on this branch has a changeset added on it);
// - HEAD is on the base branch: `changeset status --since=<the last release>`, so that work committed straight
//   to the base branch is checked too: every package changed since the last `changeset version` (the last
//   commit that touched a package's CHANGELOG.md; the first commit before any release) has a pending changeset.
//   Plain `changeset status` would compare the base branch with itself and pass whatever changed. A branch
//   that holds a release commit is likewise checked from that commit;
// - there is no base branch, or no common history with it, or the clone is shallow: nothing to compare
//   against, so it says so and passes.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const config = JSON.parse(readFileSync(path.join(root, '.changeset', 'config.json'), 'utf8'));
const base = typeof config.baseBranch === 'string' ? config.baseBranch : 'main';

const git = (...args) => {
  const result = spawnSync('git', args, { cwd: root, encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
};
const skip = (why) => {
  console.log(`changeset status skipped: ${why}`);
  process.exit(0);
};

if (git('rev-parse', '--is-inside-work-tree') !== 'true') skip('not inside a git work tree');
const head = git('rev-parse', 'HEAD') ?? skip('the repository has no commit yet');

// The remote's branch is what a pull request is compared with; a local branch of the name will do without it.
const candidates = [`origin/${base}`, base].filter((ref) =>
  git('rev-parse', '--verify', '--quiet', `${ref}^{commit}`),
);
const ref = candidates[0] ?? skip(`there is no "${base}" or "origin/${base}" branch to compare against`);
const divergedAt =
  git('merge-base', ref, 'HEAD') ?? skip(`HEAD has no common history with ${ref} (a shallow clone?)`);

// `changeset version` writes every released package's CHANGELOG.md, so the last commit touching one is the
// last release; before the first release, the first commit stands for it. In a shallow clone neither is known.
const lastRelease = () => {
  if (git('rev-parse', '--is-shallow-repository') === 'true') return undefined;
  return (
    git('log', '-1', '--format=%H', 'HEAD', '--', 'packages/*/CHANGELOG.md') ||
    git('rev-list', '--max-parents=0', 'HEAD')?.split('\n')[0] ||
    undefined
  );
};

let args;
if (divergedAt !== head) {
  // A branch that holds its own release commit (the "version packages" change) is checked from there: the
  // release consumed the changesets of the packages it bumped.
  const release = lastRelease();
  const releasedHere =
    release !== undefined &&
    release !== divergedAt &&
    git('merge-base', '--is-ancestor', divergedAt, release) !== undefined;
  const since = releasedHere ? release : ref;
  console.log(
    `changeset status: checking the changes since ${releasedHere ? `the release ${since.slice(0, 7)}` : ref}`,
  );
  args = ['status', `--since=${since}`];
} else {
  const release = lastRelease() ?? skip('a shallow clone has no release history');
  console.log(
    `changeset status: HEAD is on ${ref}; checking the changes since the last release (${release.slice(0, 7)})`,
  );
  args = ['status', `--since=${release}`];
}

const changesetBin = createRequire(path.join(root, 'package.json')).resolve('@changesets/cli/bin.js');
const result = spawnSync(process.execPath, [changesetBin, ...args], { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
