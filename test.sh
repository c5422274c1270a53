#!/usr/bin/env bash
# Runs every test with the real parts they need (see README.md, "Tests"):
#   1. installs what is missing (Debian chromium, PostgreSQL 15, maildev into .tools/),
#   2. starts a throwaway PostgreSQL cluster and maildev on free loopback ports,
#   3. packs the three BlogShop.Signals packages into .tools/feed (the sample tests build samples/ from it),
#   4. runs `dotnet test BlogShop.sln -c Release` with BLOGSHOP_TEST_* set and BLOGSHOP_TEST_REQUIRE_SERVERS=1,
#      so no test skips for a missing server,
#   5. stops what it started, whatever happened, and exits non-zero on any failure.
# Extra arguments go to dotnet test, e.g.  ./test.sh --filter "FullyQualifiedName~Browser"
# Results: test-output/results/*.trx, browser screenshots under test-output/screenshots/.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/scripts/lib.sh"
cd "$BLOGSHOP_ROOT"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

started=$SECONDS
phase_names=()
phase_seconds=()
phase_start=$SECONDS
phase_name=""
begin_phase() {
    end_phase
    phase_name=$1
    phase_start=$SECONDS
    log "== $phase_name"
}
end_phase() {
    if [[ -n $phase_name ]]; then
        phase_names+=("$phase_name")
        phase_seconds+=($((SECONDS - phase_start)))
        phase_name=""
    fi
}

# Runs a long command in the background, in a process group of its own, and waits for it: a signal then reaches
# the traps at once (bash defers traps while a foreground command runs), and on_exit can stop the command with
# everything it started (dotnet test leaves vstest.console, testhost, Playwright's driver and Chromium behind
# when only the dotnet process is killed).
child=""
run() {
    setsid "$@" &
    child=$!
    local status=0
    wait "$child" || status=$?
    child=""
    return "$status"
}

# This run's own servers, apart from any started by hand with scripts/servers.sh.
export BLOGSHOP_SERVERS_DIR="$BLOGSHOP_TOOLS/test-run-$$"
servers_started=""
on_exit() {
    local status=$?
    if [[ -n $child ]]; then
        log "stopping the running command and what it started (process group $child)"
        kill -TERM -- "-$child" 2>/dev/null || true
        WAIT_TIMEOUT=10 wait_until bash -c "! kill -0 -- -$child" || kill -KILL -- "-$child" 2>/dev/null || true
        wait "$child" 2>/dev/null || true
    fi
    end_phase
    if [[ -n $servers_started ]]; then
        log "== stopping the test servers"
        local stop_start=$SECONDS
        "$BLOGSHOP_ROOT/scripts/servers.sh" stop || log "warning: stopping the test servers failed"
        phase_names+=("stop servers")
        phase_seconds+=($((SECONDS - stop_start)))
    fi
    if [[ ${#phase_names[@]} -gt 0 ]]; then
        log "timings:"
        local i
        for i in "${!phase_names[@]}"; do
            printf '    %-16s %s\n' "${phase_names[$i]}" "$(fmt_seconds "${phase_seconds[$i]}")" >&2
        done
        printf '    %-16s %s\n' "total" "$(fmt_seconds $((SECONDS - started)))" >&2
    fi
    if [[ $status -eq 0 ]]; then log "test.sh: all tests passed"; else log "test.sh: FAILED (exit $status)"; fi
    exit "$status"
}
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

begin_phase "install"
command -v dotnet >/dev/null 2>&1 || die "the .NET SDK (dotnet) is not on PATH"
run "$BLOGSHOP_ROOT/scripts/install.sh"

begin_phase "start servers"
# A run that was killed outright (SIGKILL, power loss) could not stop its servers: stop them now.
for stale in "$BLOGSHOP_TOOLS"/test-run-*; do
    [[ -d $stale ]] || continue
    pid=${stale##*-}
    if ! kill -0 "$pid" 2>/dev/null; then
        log "stopping the servers of an earlier run that did not finish (${stale#"$BLOGSHOP_ROOT"/})"
        BLOGSHOP_SERVERS_DIR=$stale "$BLOGSHOP_ROOT/scripts/servers.sh" stop || log "warning: could not stop $stale"
    fi
done
servers_started=1
server_env=$("$BLOGSHOP_ROOT/scripts/servers.sh" start)
eval "$server_env"
export BLOGSHOP_TEST_CHROMIUM=/usr/bin/chromium
export BLOGSHOP_TEST_REQUIRE_SERVERS=1
export BLOGSHOP_TEST_OUTPUT="$BLOGSHOP_ROOT/test-output"

# --disable-build-servers: no compiler or MSBuild server is left running after the run (they would also hold
# CI's output pipe open); the build takes a few seconds longer.
begin_phase "build"
run dotnet build BlogShop.sln -c Release -nologo -clp:"ErrorsOnly;Summary" --disable-build-servers

# The three library packages, into a local folder feed the sample tests restore from (BlogShop.Tests/Packaging).
begin_phase "pack"
export BLOGSHOP_TEST_PACKAGE_FEED="$BLOGSHOP_TOOLS/feed"
rm -rf "$BLOGSHOP_TEST_PACKAGE_FEED"
for package in BlogShop.Signals BlogShop.Signals.EntityFrameworkCore BlogShop.Signals.AspNetCore; do
    run dotnet pack "$package" -c Release --no-build -nologo -o "$BLOGSHOP_TEST_PACKAGE_FEED" --disable-build-servers
done

begin_phase "test"
rm -rf "$BLOGSHOP_TEST_OUTPUT/results" "$BLOGSHOP_TEST_OUTPUT/screenshots"
test_status=0
run dotnet test BlogShop.sln -c Release --no-build --nologo --disable-build-servers \
    --results-directory "$BLOGSHOP_TEST_OUTPUT/results" \
    --logger "console;verbosity=normal" --logger "trx" \
    "$@" || test_status=$?
end_phase

# One line per test run from the trx files (skipped tests are the ones counted but not executed).
for trx in "$BLOGSHOP_TEST_OUTPUT"/results/*.trx; do
    [[ -f $trx ]] || continue
    counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
    count() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$counters"; }
    log "results: $(count total) tests, $(count passed) passed, $(count failed) failed, $(( $(count total) - $(count executed) )) skipped ($(basename "$trx"))"
done
exit "$test_status"
