# Shared helpers for test.sh and scripts/*.sh. Source it; it defines functions only.
# shellcheck shell=bash

# The repository root, whatever the caller's working directory.
BLOGSHOP_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# Downloaded tools (maildev) and server state live here; .tools/ is gitignored.
BLOGSHOP_TOOLS="$BLOGSHOP_ROOT/.tools"
MAILDEV_VERSION="2.2.1"
PG_MAJOR="15"
PGBIN="/usr/lib/postgresql/$PG_MAJOR/bin"

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# Runs a command as root: directly when we are root, through sudo (non-interactive) otherwise.
as_root() {
    if [[ $(id -u) -eq 0 ]]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        sudo -n "$@"
    else
        die "need root to run '$*' (run as root, or install it yourself)"
    fi
}

_apt_updated=""
apt_install() {
    if [[ -z $_apt_updated ]]; then
        log "apt-get update"
        as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null || die "apt-get update failed"
        _apt_updated=1
    fi
    log "apt-get install $*"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null \
        || die "apt-get install $* failed"
}

# True when something accepts TCP connections on 127.0.0.1:$1.
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Prints the first port >= $1 that nothing listens on (and that no earlier caller in this shell took).
_taken_ports=" "
free_port() {
    local port=$1
    while port_in_use "$port" || [[ $_taken_ports == *" $port "* ]]; do
        port=$((port + 1))
        [[ $port -lt 65000 ]] || die "no free port from $1"
    done
    _taken_ports+="$port "
    echo "$port"
}

# Waits until "$@" succeeds, at most $timeout seconds (default 30). Returns 1 on timeout.
wait_until() {
    local timeout=${WAIT_TIMEOUT:-30} start=$SECONDS
    until "$@" >/dev/null 2>&1; do
        if (( SECONDS - start >= timeout )); then return 1; fi
        sleep 0.2
    done
}

# HTTP GET that succeeds on a 2xx status (curl when present, node otherwise: node is needed for maildev anyway).
http_ok() {
    if command -v curl >/dev/null 2>&1; then
        curl -fsS -o /dev/null --max-time 2 "$1"
    else
        node -e 'require("http").get(process.argv[1], r => process.exit(r.statusCode < 300 ? 0 : 1)).on("error", () => process.exit(1))' "$1"
    fi
}

# Formats a number of seconds as "1m 05s".
fmt_seconds() { printf '%dm %02ds' $(($1 / 60)) $(($1 % 60)); }
