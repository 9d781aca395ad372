#!/bin/bash
# The end-to-end bench pinned on this 2-core machine: the app (bench/e2e/main.ts, this side of the
# bench) alone on CPU 1 at nice -20; the peer (load generator and platform mocks) on CPU 0 at nice
# -20, where every other process is moved meanwhile (they are moved back to 0-1 afterwards).
# Always through the shared lock, so two pinned runs never overlap:
#   flock /work/notes/bench.lock bench/e2e/pinned.sh "<dir>|<outfile>|<main.ts args>" ["<dir2>|<out2>|<args2>" ...]
pin_all() { for p in $(ps -e -o pid=); do taskset -apc "$1" "$p" >/dev/null 2>&1; done; }
for spec in "$@"; do
  IFS='|' read -r dir out args <<<"$spec"
  pin_all 0
  # shellcheck disable=SC2086 # args are main.ts options, split on purpose
  (cd "$dir" && BENCH_PEER_CPUS=0 taskset -c 1 nice -n -20 npx tsx bench/e2e/main.ts $args > "$out" 2>&1)
  pin_all 0,1
done
