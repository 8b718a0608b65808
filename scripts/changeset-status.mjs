#!/usr/bin/env node
// `changeset status`, run only where it can answer. It finds where HEAD diverged from the base branch with
// `git merge-base`, so it fails outright in a clone that has no such branch (a single-branch or detached CI
// checkout) or too little history (a shallow clone). And `--since` keeps only the changesets changed since
// that point, so on the base branch itself it would ignore every committed changeset. Hence:
//
// - HEAD has commits that the base branch lacks: `changeset status --since=<base>`, the check a pull request
//   needs (every package changed on this branch has a changeset added on it);
// - HEAD is on the base branch: `changeset status`, which checks the pending changesets and prints the release
//   plan they make;
// - there is no base branch, or no common history with it: nothing to compare against, so it says so and
//   passes.
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

let args;
if (divergedAt !== head) {
  console.log(`changeset status: checking the changes since ${ref}`);
  args = ['status', `--since=${ref}`];
} else if (candidates.includes(base)) {
  console.log(`changeset status: HEAD is on ${ref}, checking the pending changesets`);
  args = ['status'];
} else {
  // Plain `changeset status` compares with the local base branch, which this clone does not have.
  skip(`HEAD is on ${ref} and there is no local "${base}" branch`);
}

const changesetBin = createRequire(path.join(root, 'package.json')).resolve('@changesets/cli/bin.js');
const result = spawnSync(process.execPath, [changesetBin, ...args], { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
