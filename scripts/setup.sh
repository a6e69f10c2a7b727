#!/usr/bin/env bash
# Installs the Debian packages dp-pipeline needs (only those missing) and builds the Swift package.
#
#   scripts/setup.sh                        install what is missing, then 'swift build -c release'
#   DP_BUILD_CONFIG=debug scripts/setup.sh  ... then 'swift build' (debug)
#   DP_SKIP_BUILD=1 scripts/setup.sh        packages only
#   DP_SETUP_BROWSER=1 scripts/setup.sh     also headless Chromium, its WebDriver and a CJK font (the browser test of
#                                           scripts/test.sh; a server does not need them)
#
# Root installs directly; another user through sudo. Services the packages' install scripts would start (the
# distribution's nginx on :80, its PostgreSQL cluster on :5432) are held back while installing: the stack runs its
# own instances (scripts/stack.sh) and CI must leave nothing running.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PACKAGES=(libfcgi-dev libfcgi-bin spawn-fcgi nginx-light libpq-dev libpg-query-dev postgresql postgresql-contrib wrk curl
    ca-certificates pkg-config python3 python3-yaml python3-venv)
# python3-yaml: scripts/gen-openapi.sh (docs/openapi.yaml → the JSON the responder serves, checked by the lint).
# python3-venv: scripts/schemathesis.sh installs Schemathesis into a virtual environment under .build.
# The web page's browser test (scripts/browser_test.py): Debian's Chromium, chromedriver, and a Chinese font so the
# screenshots show the labels instead of boxes.
BROWSER_PACKAGES=(chromium chromium-driver fonts-wqy-microhei)
if [[ "${DP_SETUP_BROWSER:-0}" == 1 ]]; then PACKAGES+=("${BROWSER_PACKAGES[@]}"); fi
BUILD_CONFIG="${DP_BUILD_CONFIG:-release}"

log() { printf 'setup: %s\n' "$*"; }
die() { printf 'setup: error: %s\n' "$*" >&2; exit 1; }

case "$BUILD_CONFIG" in debug | release) ;; *) die "DP_BUILD_CONFIG must be debug or release, not '$BUILD_CONFIG'" ;; esac

missing=()
for pkg in "${PACKAGES[@]}"; do
    status="$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2> /dev/null || true)"
    [[ "$status" == installed ]] || missing+=("$pkg")
done

if (( ${#missing[@]} == 0 )); then
    log "Debian packages present: ${PACKAGES[*]}"
else
    log "installing missing Debian packages: ${missing[*]}"
    SUDO=()
    if [[ "$(id -u)" != 0 ]]; then
        command -v sudo > /dev/null \
            || die "not root and sudo is not available: install as root: apt-get install ${missing[*]}"
        SUDO=(sudo)
    fi
    # policy-rc.d exit 101 = "action forbidden": invoke-rc.d and deb-systemd-invoke then do not start services.
    # Only when no policy is in place already (a Docker image has its own), and removed again afterwards.
    POLICY=/usr/sbin/policy-rc.d
    policy_added=0
    if [[ ! -e "$POLICY" ]]; then
        printf '#!/bin/sh\n# temporary, from dp-pipeline scripts/setup.sh: do not start services while installing\nexit 101\n' \
            | "${SUDO[@]}" tee "$POLICY" > /dev/null
        "${SUDO[@]}" chmod 0755 "$POLICY"
        policy_added=1
        trap '"${SUDO[@]}" rm -f "$POLICY"' EXIT
    fi
    export DEBIAN_FRONTEND=noninteractive
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
    if (( policy_added )); then
        "${SUDO[@]}" rm -f "$POLICY"
        trap - EXIT
    fi
    log "packages installed"
fi

# We never use :80 or :5432, but say so if the distribution's services are there (they are not ours to stop).
port_in_use() { (exec 3<> "/dev/tcp/127.0.0.1/$1") 2> /dev/null; }
for port in 80 5432; do
    if port_in_use "$port"; then
        log "note: something listens on 127.0.0.1:$port (distribution service?); the private stack does not use it"
    fi
done

if [[ "${DP_SKIP_BUILD:-0}" == 1 ]]; then
    log "DP_SKIP_BUILD=1: not building"
    exit 0
fi

if ! command -v swift > /dev/null; then
    [[ -x /opt/swift/usr/bin/swift ]] || die "swift not found on PATH nor in /opt/swift/usr/bin"
    export PATH="/opt/swift/usr/bin:$PATH"
fi
cd "$ROOT"
if [[ "$BUILD_CONFIG" == release ]]; then
    log "swift build -c release"
    swift build -c release
else
    log "swift build (debug)"
    swift build
fi
log "binaries in $(swift build -c "$BUILD_CONFIG" --show-bin-path)"
