#!/usr/bin/env bash
# Installs what the tests need and is missing: Debian's chromium with a colour emoji font (fonts-noto-color-emoji,
# so the browser tests render reaction icons), PostgreSQL 15, Node.js/npm and maildev (into .tools/maildev,
# gitignored). Safe to run again: it only installs what is absent.
#   scripts/install.sh            everything
#   scripts/install.sh chromium   just one part (chromium | postgres | maildev)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

MAILDEV_DIR="$BLOGSHOP_TOOLS/maildev"
MAILDEV_BIN="$MAILDEV_DIR/node_modules/maildev/bin/maildev"

install_emoji_font() {
    if [[ -f /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf ]]; then
        log "fonts-noto-color-emoji: present"
        return
    fi
    apt_install fonts-noto-color-emoji
    [[ -f /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf ]] || die "fonts-noto-color-emoji was installed but NotoColorEmoji.ttf is missing"
}

install_chromium() {
    install_emoji_font
    if [[ -x /usr/bin/chromium ]]; then
        log "chromium: present ($(/usr/bin/chromium --version 2>/dev/null || echo 'version unknown'))"
        return
    fi
    apt_install chromium
    [[ -x /usr/bin/chromium ]] || die "chromium was installed but /usr/bin/chromium is missing"
    log "chromium: installed ($(/usr/bin/chromium --version 2>/dev/null))"
}

install_postgres() {
    if [[ -x $PGBIN/initdb && -x $PGBIN/pg_ctl ]]; then
        log "postgresql $PG_MAJOR: present"
        return
    fi
    apt_install "postgresql-$PG_MAJOR"
    [[ -x $PGBIN/initdb ]] || die "postgresql-$PG_MAJOR was installed but $PGBIN/initdb is missing"
}

installed_maildev_version() {
    [[ -f $MAILDEV_DIR/node_modules/maildev/package.json ]] || return 1
    node -p 'require(process.argv[1]).version' "$MAILDEV_DIR/node_modules/maildev/package.json"
}

install_maildev() {
    if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
        apt_install nodejs npm
    fi
    if [[ $(installed_maildev_version 2>/dev/null) == "$MAILDEV_VERSION" && -f $MAILDEV_BIN ]]; then
        log "maildev $MAILDEV_VERSION: present in ${MAILDEV_DIR#"$BLOGSHOP_ROOT"/}"
        return
    fi
    log "maildev $MAILDEV_VERSION: installing into ${MAILDEV_DIR#"$BLOGSHOP_ROOT"/}"
    mkdir -p "$MAILDEV_DIR"
    # A package.json of its own keeps npm from walking up into the repository.
    [[ -f $MAILDEV_DIR/package.json ]] || echo '{ "name": "blogshop-test-tools", "private": true }' >"$MAILDEV_DIR/package.json"
    npm install --prefix "$MAILDEV_DIR" --no-audit --no-fund --loglevel=error "maildev@$MAILDEV_VERSION" >&2 \
        || die "npm install maildev@$MAILDEV_VERSION failed"
    [[ -f $MAILDEV_BIN ]] || die "maildev installed but $MAILDEV_BIN is missing"
}

parts=("$@")
[[ ${#parts[@]} -gt 0 ]] || parts=(chromium postgres maildev)
for part in "${parts[@]}"; do
    case $part in
        chromium) install_chromium ;;
        postgres) install_postgres ;;
        maildev) install_maildev ;;
        *) die "unknown part '$part' (chromium | postgres | maildev)" ;;
    esac
done
