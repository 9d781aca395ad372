#!/usr/bin/env bash
# `npm test`: the whole suite. Where PostgreSQL's binaries are installed (and TEST_DATABASE_URL is not
# already set), it runs beside a throwaway server (scripts/with-postgres.sh), so the PostgreSQL suites
# run too; on a machine without them those suites are listed as skipped, with the reason in their name.
# Arguments go to vitest (e.g. `npm test -- tests/store`).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${TEST_DATABASE_URL:-}" ] && compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; then
  exec scripts/with-postgres.sh npx vitest run "$@"
fi
exec npx vitest run "$@"
