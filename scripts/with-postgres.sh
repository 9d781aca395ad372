#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL 15: `scripts/with-postgres.sh <command> [args...]`.
# initdb in a temporary folder, a server on a free loopback port (fsync and full_page_writes off:
# the data is thrown away), TEST_DATABASE_URL exported for the command, and the server stopped and
# its folder removed however the command ends (trap). The command's exit status is the script's.
# When TEST_DATABASE_URL is already set, the command runs against that server instead.
# Missing binaries are installed with `apt-get install -y postgresql` (Debian/Ubuntu, as root).
# As root, the server runs as the `postgres` user (PostgreSQL refuses to run as root).
set -euo pipefail

if [ "$#" -eq 0 ]; then
  echo "usage: scripts/with-postgres.sh <command> [args...]" >&2
  exit 2
fi
if [ -n "${TEST_DATABASE_URL:-}" ]; then
  exec "$@"
fi

find_bindir() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then echo "$dir"; fi
  done | sort -V | tail -n 1
}

BINDIR="${PG_BINDIR:-$(find_bindir)}"
if [ -z "$BINDIR" ]; then
  echo "with-postgres: PostgreSQL binaries not found; installing them with apt-get" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql >&2 \
    || { apt-get update >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql >&2; }
  BINDIR="$(find_bindir)"
  [ -n "$BINDIR" ] || { echo "with-postgres: no initdb after installing postgresql" >&2; exit 1; }
fi

# The server user: ourselves, or `postgres` when we are root.
as_server() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

DATA_ROOT="$(mktemp -d "${TMPDIR:-/tmp}/kms-pg.XXXXXX")"
chmod 755 "$DATA_ROOT"
if [ "$(id -u)" -eq 0 ]; then chown postgres "$DATA_ROOT"; fi
PGDATA="$DATA_ROOT/data"
PORT="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"

cleanup() {
  as_server "$BINDIR/pg_ctl" -D "$PGDATA" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$DATA_ROOT"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# An en-US (ICU) default collation when the server has ICU, so the suites catch any ordering that
# is not pinned to COLLATE "C"; plain C.UTF-8 otherwise.
as_server "$BINDIR/initdb" -D "$PGDATA" -U postgres -A trust -E UTF8 --locale=C.UTF-8 \
    --locale-provider=icu --icu-locale=en-US >/dev/null 2>&1 \
  || { rm -rf "$PGDATA"; as_server "$BINDIR/initdb" -D "$PGDATA" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null; }
as_server "$BINDIR/pg_ctl" -D "$PGDATA" -l "$DATA_ROOT/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -c port=$PORT -c unix_socket_directories=$DATA_ROOT -c fsync=off -c full_page_writes=off -c synchronous_commit=off -c max_connections=200" \
  start >/dev/null || { cat "$DATA_ROOT/server.log" >&2; exit 1; }

export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$PORT/postgres"
echo "with-postgres: PostgreSQL ($BINDIR) on 127.0.0.1:$PORT" >&2
set +e
"$@"
status=$?
set -e
exit "$status"
