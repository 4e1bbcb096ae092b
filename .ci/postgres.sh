# PostgreSQL for the tests: install Debian's server if missing, start a throwaway cluster on
# 127.0.0.1, export BRAKETBOT_TEST_POSTGRES for the tests, and stop it again.
PG_PORT="${PG_PORT:-55432}"

start_postgres() {
  if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  fi
  local bin; bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
  PG_DIR="$(mktemp -d /tmp/braketbot-pg.XXXXXX)"
  chown postgres "$PG_DIR"
  # From /, so that the postgres user need not be able to enter the caller's folder.
  cd / || return 1
  su postgres -c "$bin/initdb -D '$PG_DIR/data' -U postgres --auth=trust -E UTF8 >/dev/null"
  su postgres -c "$bin/pg_ctl -D '$PG_DIR/data' -o \"-h 127.0.0.1 -p $PG_PORT -k '$PG_DIR'\" -l '$PG_DIR/log' -w start >/dev/null"
  export BRAKETBOT_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres"
  PG_BIN="$bin"
  cd - >/dev/null || return 1
  echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT"
}

stop_postgres() {
  [ -n "${PG_DIR:-}" ] || return 0
  (cd / && su postgres -c "$PG_BIN/pg_ctl -D '$PG_DIR/data' -m immediate stop >/dev/null") || true
  rm -rf "$PG_DIR"
}
