#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the record-store tests and the load bench.
#   .ci/postgres.sh start DIR [PORT]   initdb in DIR (as a non-root user), start on 127.0.0.1:PORT,
#                                      print the database URL on stdout
#   .ci/postgres.sh stop DIR           stop it (DIR can then be removed)
# Installs PostgreSQL from the distribution's packages when it is missing (needs root or sudo).
set -euo pipefail

find_bin() {
  local d
  for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/pg_ctl" ] && { echo "$d"; return 0; }
  done
  command -v pg_ctl >/dev/null && { dirname "$(command -v pg_ctl)"; return 0; }
  return 1
}

install_postgres() {
  echo "installing PostgreSQL from the distribution's packages" >&2
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null
}

# The server refuses to run as root: run it as the 'postgres' user (made by the package), or
# as the current user when that is not root.
as_owner() {
  if [ "$(id -u)" = 0 ]; then
    su postgres -s /bin/bash -c "$*"
  else
    bash -c "$*"
  fi
}

cmd=${1:?usage: postgres.sh start|stop DIR [PORT]}
dir=${2:?usage: postgres.sh start|stop DIR [PORT]}
port=${3:-54329}
BIN=$(find_bin || { install_postgres; find_bin; })

case "$cmd" in
  start)
    mkdir -p "$dir"
    if [ "$(id -u)" = 0 ]; then chown postgres "$dir"; chmod o+x "$(dirname "$dir")"; fi
    chmod 700 "$dir"
    as_owner "'$BIN/initdb' -D '$dir/data' -A trust -U postgres -E UTF8 >'$dir/initdb.log'"
    as_owner "'$BIN/pg_ctl' -D '$dir/data' -l '$dir/server.log' -w -o \"-c listen_addresses=127.0.0.1 -p $port -k '$dir' -c fsync=on\" start >/dev/null"
    as_owner "'$BIN/createdb' -h 127.0.0.1 -p $port -U postgres peaceops"
    echo "postgresql://postgres@127.0.0.1:$port/peaceops"
    ;;
  stop)
    as_owner "'$BIN/pg_ctl' -D '$dir/data' -m fast -w stop >/dev/null" || true
    ;;
  *)
    echo "usage: postgres.sh start|stop DIR [PORT]" >&2
    exit 2
    ;;
esac
