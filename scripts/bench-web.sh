#!/usr/bin/env bash
# What the request signals and the signal trace recorder cost the site, measured side by side (docs/benchmarks.md).
#
# Publishes BlogShop.Web (Release), seeds one SQLite data folder with the demo data, copies it for up to five instances of
# the site (Production, SQLite, each on its own loopback port) that differ only in settings:
#   off    Signals:RequestSignals=false                                     (no app.UseSignals(), no request log line)
#   on     Signals:RequestSignals=true,  Diagnostics:RecordSignals=false    (the request signals, the site's receivers:
#          LogFinishedRequest writes the request log line)
#   trace  Signals:RequestSignals=true,  Diagnostics:RecordSignals=true     (and the Signals page's recorder)
#   unlogged  "on" with LogFinishedRequest's level raised to Warning: the receiver runs, its log line is filtered
#          out (what the request signals cost without the request log line they write)
#   plainlog  "off" with Signals:RequestLogWithoutSignals=true: no request signals, the same request log line written
#          by a plain middleware (RequestLogMiddleware). on/plainlog is what the request signals cost a site that
#          writes that line either way: the dispatch alone.
# then runs wrk against each page and instance in alternating rounds (the instance order rotates every round), so all
# instances see the same machine. Per round it records requests per second and the server's CPU time per request (from
# /proc/<pid>/stat: on a machine shared with other work, CPU time moves far less than throughput does).
# Prints the medians and the ratios on/plainlog, unlogged/off, trace/on and on/off (those whose two instances ran) as
# three Markdown tables: requests per second and CPU time per request, each with the ratio of the medians, then per
# ratio the median of the CPU ratios within each round (the two runs of a round are seconds apart, so the machine's
# slower swings cancel) with the lowest and highest round.
#
# Usage: scripts/bench-web.sh [rounds]        (default 5; 10 s per run: about rounds x pages x instances x 12 s)
# Settings (environment): BENCH_DURATION (10s), BENCH_WARMUP (10s per instance and page), BENCH_CONNECTIONS (32), BENCH_THREADS (1), BENCH_PORT (first of
# five ports, 5610), BENCH_DIR (work folder, .tools/bench), BENCH_NO_PUBLISH=1 (reuse the last publish),
# BENCH_PAGES ("/health/live article": "article" is the first article of the demo data; other paths as given),
# BENCH_CONFIGS (a subset of "off on trace unlogged plainlog": fewer instances, more rounds in the same time),
# BENCH_PARALLEL=1 (each round loads every instance at the same time, one wrk each, instead of one after another: the
# instances then share every second of a host whose speed moves, and compete for its cores), BENCH_RESTART_EVERY=N
# (new processes for every instance, warmed up again, every N rounds: the results pool several process starts).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

ROUNDS=${1:-5}
DURATION=${BENCH_DURATION:-10s}
WARMUP=${BENCH_WARMUP:-10s}
CONNECTIONS=${BENCH_CONNECTIONS:-32}
THREADS=${BENCH_THREADS:-1}
PORT=${BENCH_PORT:-5610}
DIR=${BENCH_DIR:-$BLOGSHOP_TOOLS/bench}
PAGES=${BENCH_PAGES:-/health/live article}
read -ra CONFIGS <<<"${BENCH_CONFIGS:-off on trace unlogged plainlog}"
APP="$DIR/app"
PARALLEL=${BENCH_PARALLEL:-0}
RESTART_EVERY=${BENCH_RESTART_EVERY:-0}
TICKS=$(getconf CLK_TCK)

command -v wrk >/dev/null || apt_install wrk
for name in "${CONFIGS[@]}"; do
    [[ $name =~ ^(off|on|trace|unlogged|plainlog)$ ]] || die "unknown configuration '$name' in BENCH_CONFIGS"
done
mkdir -p "$DIR"

if [[ -z ${BENCH_NO_PUBLISH:-} || ! -f $APP/BlogShop.Web.dll ]]; then
    log "dotnet publish BlogShop.Web -c Release"
    dotnet publish "$BLOGSHOP_ROOT/BlogShop.Web" -c Release -o "$APP" -nologo -v quiet >/dev/null
fi

settings_of() {
    case $1 in
        off) echo "Signals__RequestSignals=false Diagnostics__RecordSignals=false" ;;
        on) echo "Signals__RequestSignals=true Diagnostics__RecordSignals=false" ;;
        trace) echo "Signals__RequestSignals=true Diagnostics__RecordSignals=true" ;;
        unlogged) echo "Signals__RequestSignals=true Diagnostics__RecordSignals=false Serilog__MinimumLevel__Override__BlogShop.Web.Receivers.LogFinishedRequest=Warning" ;;
        plainlog) echo "Signals__RequestSignals=false Signals__RequestLogWithoutSignals=true Diagnostics__RecordSignals=false" ;;
        seed) echo "Database__LoadDemoData=true" ;;
    esac
}

# start <name> <port>: runs the site from $DIR/<name> (its data folder), logs included, until stop_all.
declare -A PIDS=()
start() {
    local name=$1 port=$2 data="$DIR/$1"
    port_in_use "$port" && die "port $port is taken (set BENCH_PORT)"
    # shellcheck disable=SC2046
    (cd "$APP" && exec env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://127.0.0.1:$port" \
        DataFolder="$data" Serilog__WriteTo__Async__Args__configure__File__Args__path="$data/logs/blogshop-.log" \
        Outbox__Enabled=false $(settings_of "$name") dotnet BlogShop.Web.dll >"$data/stdout.log" 2>&1) &
    PIDS[$name]=$!
    for _ in $(seq 1 120); do
        curl -fs "http://127.0.0.1:$port/health/live" >/dev/null 2>&1 && return 0
        kill -0 "${PIDS[$name]}" 2>/dev/null || die "the $name instance exited: $(tail -5 "$data/stdout.log")"
        sleep 1
    done
    die "the $name instance did not answer /health/live in 120 s"
}

stop_all() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
    PIDS=()
}
trap stop_all EXIT

# The demo data, once, copied so that every instance reads the same rows.
rm -rf "$DIR/seed" && mkdir -p "$DIR/seed"
log "seeding the demo data"
start seed "$PORT"
ARTICLE=$(curl -fs "http://127.0.0.1:$PORT/articles" | grep -o 'href="/articles/[a-z0-9-]*"' | grep -v '/articles/new"' | head -1 | cut -d'"' -f2)
[[ -n $ARTICLE ]] || die "no article link on /articles"
stop_all
for name in "${CONFIGS[@]}"; do
    rm -rf "${DIR:?}/$name" && cp -r "$DIR/seed" "$DIR/$name" && rm -rf "$DIR/$name/logs" "$DIR/$name/stdout.log"
done

declare -A PORTS=()
i=0
for name in "${CONFIGS[@]}"; do
    PORTS[$name]=$((PORT + i)); i=$((i + 1))
done
start_instances() { for name in "${CONFIGS[@]}"; do start "$name" "${PORTS[$name]}"; done; }
start_instances

path_of() { [[ $1 == article ]] && echo "$ARTICLE" || echo "$1"; }

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

# The dotnet process itself (start runs it under a subshell that execs it, so the pid is dotnet's).
server_pid() { echo "${PIDS[$1]}"; }

RESULTS="$DIR/results.tsv"
: >"$RESULTS"

url_of() { echo "http://127.0.0.1:${PORTS[$1]}$(path_of "$2")"; }

# load <config> <page> <duration>: wrk against one instance, its report on stdout.
load() { wrk -t"$THREADS" -c"$CONNECTIONS" -d"$3" "$(url_of "$1" "$2")"; }

# record <config> <page> <round> <wrk output> <cpu ticks used>: appends "page config round rps cpu_us_per_request".
record() {
    local name=$1 page=$2 round=$3 out=$4 ticks=$5 rps requests
    rps=$(awk '/^Requests\/sec:/ { print $2 }' <<<"$out")
    requests=$(awk '/requests in/ { print $1 }' <<<"$out")
    if grep -q 'Non-2xx' <<<"$out"; then die "$(url_of "$name" "$page") answered errors: $out"; fi
    printf '%s\t%s\t%s\t%s\t%s\n' "$page" "$name" "$round" "$rps" \
        "$(awk -v t="$ticks" -v hz="$TICKS" -v n="$requests" 'BEGIN { printf "%.1f", t / hz * 1e6 / n }')" >>"$RESULTS"
}

# run <page> <round> <config>...: one wrk per instance given, all at the same time (one config: a run on its own;
# every config: BENCH_PARALLEL=1, every instance sharing the same seconds of the machine); each instance's CPU time
# is its own over those seconds.
run() {
    local page=$1 round=$2 name
    shift 2
    local -A before=() wrks=()
    for name in "$@"; do before[$name]=$(cpu_ticks "$(server_pid "$name")"); done
    for name in "$@"; do
        load "$name" "$page" "$DURATION" >"$DIR/wrk-$name.out" &
        wrks[$name]=$!
    done
    for name in "$@"; do wait "${wrks[$name]}"; done
    for name in "$@"; do
        record "$name" "$page" "$round" "$(cat "$DIR/wrk-$name.out")" $(($(cpu_ticks "$(server_pid "$name")") - ${before[$name]}))
    done
}

warm_up() {
    for page in $PAGES; do
        for name in "${CONFIGS[@]}"; do
            load "$name" "$page" "$WARMUP" >/dev/null
        done
    done
}

START_LOAD=$(cut -d' ' -f1-3 /proc/loadavg)
log "warming up (load average $START_LOAD)"
warm_up

for round in $(seq 1 "$ROUNDS"); do
    if ((RESTART_EVERY > 0 && round > 1 && (round - 1) % RESTART_EVERY == 0)); then
        # New processes: each makes its own JIT decisions, which move a ratio by a few percent for a process's lifetime.
        stop_all
        start_instances
        warm_up
        log "instances restarted and warmed up"
    fi
    for page in $PAGES; do
        if [[ $PARALLEL == 1 ]]; then
            run "$page" "$round" "${CONFIGS[@]}"
            continue
        fi
        # Rotate the order every round: no instance always runs first (or right after another one's GC).
        for k in "${!CONFIGS[@]}"; do
            name=${CONFIGS[$(((round + k) % ${#CONFIGS[@]}))]}
            run "$page" "$round" "$name"
        done
    done
    log "round $round of $ROUNDS done (load average $(cut -d' ' -f1-3 /proc/loadavg))"
done

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
stat_of() { awk -F'\t' -v p="$1" -v c="$2" -v col="$3" '$1 == p && $2 == c { print $col }' "$RESULTS" | median; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }

echo
echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(dotnet --version) SDK," \
    "wrk -t$THREADS -c$CONNECTIONS -d$DURATION, $ROUNDS rounds$([[ $PARALLEL == 1 ]] && echo ", every instance loaded at the same time")$( ((RESTART_EVERY > 0)) && echo ", new processes every $RESTART_EVERY rounds"),  load average at the start $START_LOAD, at the end $(cut -d' ' -f1-3 /proc/loadavg)"
echo "Article page: $ARTICLE"
echo
has() { [[ " ${CONFIGS[*]} " == *" $1 "* ]]; }
# The ratios printed, as "numerator/denominator", when both instances ran.
RATIOS=()
for r in on/plainlog unlogged/off trace/on on/off; do has "${r%/*}" && has "${r#*/}" && RATIOS+=("$r"); done
# table <column> <unit>: one row per page, the medians of that column, then the ratios of the medians.
table() {
    local col=$1 unit=$2 page name r row
    row="| page |"; for name in "${CONFIGS[@]}"; do row+=" $name $unit |"; done; for r in "${RATIOS[@]}"; do row+=" $r |"; done
    echo "$row"
    row="|---|"; for _ in "${CONFIGS[@]}" "${RATIOS[@]}"; do row+="---:|"; done
    echo "$row"
    for page in $PAGES; do
        declare -A m=()
        row="| $(path_of "$page") |"
        for name in "${CONFIGS[@]}"; do m[$name]=$(stat_of "$page" "$name" "$col"); row+=" ${m[$name]} |"; done
        for r in "${RATIOS[@]}"; do row+=" $(ratio "${m[${r%/*}]}" "${m[${r#*/}]}") |"; done
        echo "$row"
    done
}
# paired <column>: per page and ratio, the median of the per-round ratios, with the lowest and highest round.
paired() {
    local col=$1 page r row
    row="| page |"; for r in "${RATIOS[@]}"; do row+=" $r |"; done
    echo "$row"
    row="|---|"; for _ in "${RATIOS[@]}"; do row+="---:|"; done
    echo "$row"
    for page in $PAGES; do
        row="| $(path_of "$page") |"
        for r in "${RATIOS[@]}"; do
            row+=" $(awk -F'\t' -v p="$page" -v a="${r%/*}" -v b="${r#*/}" -v col="$col" '
                $1 == p && $2 == a { x[$3] = $col } $1 == p && $2 == b { y[$3] = $col }
                END { for (k in x) if (k in y) print x[k] / y[k] }' "$RESULTS" | sort -g |
                awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
                      printf "%.3f (%.3f-%.3f)", m, v[1], v[NR] }') |"
        done
        echo "$row"
    done
}
echo "Requests per second (medians):"
echo
table 4 rps
echo
echo "Server CPU time per request (µs, medians):"
echo
table 5 "CPU µs"
echo
echo "Server CPU time per request, the ratio within each round (median of the rounds, lowest-highest):"
echo
paired 5
echo
echo "Every run: $RESULTS (page, config, round, rps, server CPU µs per request)"
