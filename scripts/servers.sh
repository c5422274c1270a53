#!/usr/bin/env bash
# Starts and stops the real servers the tests use, on loopback, for test.sh or for manual use:
#   scripts/servers.sh start    a throwaway PostgreSQL 15 cluster and maildev; prints the BLOGSHOP_TEST_* exports
#   scripts/servers.sh env      prints the exports of the running servers:  eval "$(scripts/servers.sh env)"
#   scripts/servers.sh status   says what runs where
#   scripts/servers.sh stop     stops both and deletes their data
# State lives in $BLOGSHOP_SERVERS_DIR (default .tools/servers), so test.sh can run its own set beside yours.
# Ports: the first free one from $BLOGSHOP_PG_PORT (55440), $BLOGSHOP_SMTP_PORT (55450), $BLOGSHOP_MAIL_HTTP_PORT (55460).
# Needs PostgreSQL 15 and maildev (scripts/install.sh puts them in place).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

STATE_DIR="${BLOGSHOP_SERVERS_DIR:-$BLOGSHOP_TOOLS/servers}"
STATE_FILE="$STATE_DIR/servers.env"
MAILDEV_BIN="$BLOGSHOP_TOOLS/maildev/node_modules/maildev/bin/maildev"

# Runs a PostgreSQL binary as the postgres user when we are root (initdb refuses root), as ourselves otherwise.
as_pg() {
    if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

load_state() {
    [[ -f $STATE_FILE ]] || return 1
    # shellcheck source=/dev/null
    source "$STATE_FILE"
}

pg_running() { [[ -n ${PGDATA_DIR:-} && -d $PGDATA_DIR ]] && as_pg "$PGBIN/pg_ctl" -D "$PGDATA_DIR" status >/dev/null 2>&1; }

# True when $MAILDEV_PID is alive and really is our maildev (a recycled pid is left alone).
maildev_running() {
    [[ -n ${MAILDEV_PID:-} && -r /proc/$MAILDEV_PID/cmdline ]] && tr '\0' ' ' <"/proc/$MAILDEV_PID/cmdline" | grep -q -- "maildev.*--smtp $SMTP_PORT "
}

print_env() {
    cat <<ENV
export BLOGSHOP_TEST_POSTGRES='Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Password=postgres;Database=postgres'
export BLOGSHOP_TEST_SMTP='127.0.0.1:$SMTP_PORT'
export BLOGSHOP_TEST_MAIL_API='http://127.0.0.1:$MAIL_HTTP_PORT'
ENV
}

start_postgres() {
    [[ -x $PGBIN/pg_ctl ]] || die "PostgreSQL $PG_MAJOR is not installed ($PGBIN): run scripts/install.sh postgres"
    PG_PORT=$(free_port "${BLOGSHOP_PG_PORT:-55440}")
    # Outside the repository: the postgres user must be able to reach it whatever the checkout's permissions.
    PGDATA_DIR=$(mktemp -d /tmp/blogshop-pg.XXXXXX)
    save_state
    if [[ $(id -u) -eq 0 ]]; then chown postgres:postgres "$PGDATA_DIR"; fi
    chmod 700 "$PGDATA_DIR"
    as_pg "$PGBIN/initdb" -D "$PGDATA_DIR" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >"$STATE_DIR/initdb.log" 2>&1 \
        || { cat "$STATE_DIR/initdb.log" >&2; die "initdb failed"; }
    # Tests create (and drop) a database per test class: allow plenty of pooled connections. fsync off: throwaway data.
    if ! as_pg "$PGBIN/pg_ctl" -D "$PGDATA_DIR" -l "$PGDATA_DIR/server.log" -w -t 30 start \
        -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PGDATA_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" >/dev/null; then
        cat "$PGDATA_DIR/server.log" >&2 || true
        die "PostgreSQL did not start on port $PG_PORT"
    fi
    WAIT_TIMEOUT=30 wait_until "$PGBIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" || die "PostgreSQL on port $PG_PORT is not ready after 30 s"
    log "PostgreSQL $PG_MAJOR ready on 127.0.0.1:$PG_PORT (data in $PGDATA_DIR)"
}

start_maildev() {
    [[ -f $MAILDEV_BIN ]] || die "maildev is not installed ($MAILDEV_BIN): run scripts/install.sh maildev"
    SMTP_PORT=$(free_port "${BLOGSHOP_SMTP_PORT:-55450}")
    MAIL_HTTP_PORT=$(free_port "${BLOGSHOP_MAIL_HTTP_PORT:-55460}")
    mkdir -p "$STATE_DIR/mail"
    # setsid + nohup: the catcher outlives `scripts/servers.sh start` for manual use; stop kills it by its pid.
    setsid nohup node "$MAILDEV_BIN" --smtp "$SMTP_PORT" --web "$MAIL_HTTP_PORT" --ip 127.0.0.1 --web-ip 127.0.0.1 \
        --mail-directory "$STATE_DIR/mail" >"$STATE_DIR/maildev.log" 2>&1 </dev/null &
    MAILDEV_PID=$!
    save_state
    WAIT_TIMEOUT=30 wait_until http_ok "http://127.0.0.1:$MAIL_HTTP_PORT/email" \
        || { cat "$STATE_DIR/maildev.log" >&2; die "maildev is not answering on http://127.0.0.1:$MAIL_HTTP_PORT after 30 s"; }
    WAIT_TIMEOUT=10 wait_until port_in_use "$SMTP_PORT" || die "maildev SMTP is not listening on port $SMTP_PORT"
    log "maildev ready: SMTP 127.0.0.1:$SMTP_PORT, HTTP http://127.0.0.1:$MAIL_HTTP_PORT (pid $MAILDEV_PID)"
}

save_state() {
    mkdir -p "$STATE_DIR"
    cat >"$STATE_FILE" <<STATE
PG_PORT=${PG_PORT:-}
PGDATA_DIR=${PGDATA_DIR:-}
SMTP_PORT=${SMTP_PORT:-}
MAIL_HTTP_PORT=${MAIL_HTTP_PORT:-}
MAILDEV_PID=${MAILDEV_PID:-}
STATE
}

cmd_start() {
    if load_state; then
        if pg_running && maildev_running; then
            log "servers already running (state in $STATE_DIR)"
            print_env
            return
        fi
        log "found a stale or partial server set in $STATE_DIR: cleaning it up first"
        cmd_stop
    fi
    PG_PORT="" PGDATA_DIR="" SMTP_PORT="" MAIL_HTTP_PORT="" MAILDEV_PID=""
    mkdir -p "$STATE_DIR"
    start_postgres
    start_maildev
    print_env
}

cmd_stop() {
    load_state || { log "no servers recorded in $STATE_DIR"; rm -rf "$STATE_DIR"; return 0; }
    if [[ -n ${PGDATA_DIR:-} && -d $PGDATA_DIR ]]; then
        if pg_running; then
            as_pg "$PGBIN/pg_ctl" -D "$PGDATA_DIR" -m immediate -w -t 30 stop >/dev/null 2>&1 \
                || log "warning: pg_ctl stop failed for $PGDATA_DIR"
            log "PostgreSQL on port $PG_PORT stopped"
        fi
        rm -rf "$PGDATA_DIR"
    fi
    if maildev_running; then
        kill "$MAILDEV_PID" 2>/dev/null || true
        WAIT_TIMEOUT=10 wait_until bash -c "! kill -0 $MAILDEV_PID" || kill -9 "$MAILDEV_PID" 2>/dev/null || true
        log "maildev (pid $MAILDEV_PID) stopped"
    fi
    rm -rf "$STATE_DIR"
}

cmd_status() {
    load_state || { echo "not running (no state in $STATE_DIR)"; return 1; }
    local ok=0
    if pg_running; then echo "PostgreSQL: running on 127.0.0.1:$PG_PORT"; else echo "PostgreSQL: NOT running"; ok=1; fi
    if maildev_running; then echo "maildev: running, SMTP 127.0.0.1:$SMTP_PORT, HTTP http://127.0.0.1:$MAIL_HTTP_PORT"; else echo "maildev: NOT running"; ok=1; fi
    return $ok
}

cmd_env() {
    load_state && pg_running && maildev_running || die "servers are not running: scripts/servers.sh start"
    print_env
}

case ${1:-} in
    start) cmd_start ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    env) cmd_env ;;
    *) echo "usage: $0 start|stop|status|env" >&2; exit 2 ;;
esac
