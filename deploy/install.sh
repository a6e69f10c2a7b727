#!/usr/bin/env bash
# Installs dp-pipeline on this server (Debian 12), as root:
#
#   deploy/install.sh [--enable-nginx-site]
#
#   /opt/dp-pipeline/bin/{dp-fcgi,dp-worker}   release binaries, Swift runtime linked in (--static-swift-stdlib),
#                                              so the server needs no Swift toolchain; migrations are compiled in
#                                              and run when dp-fcgi starts
#   /etc/dp-pipeline/dp-pipeline.env           configuration (from deploy/dp-pipeline.env.example; never overwritten)
#   /var/lib/dp-pipeline/tasks/                task directories, owned by the service user
#   /etc/systemd/system/dp-fcgi.service        the unit (deploy/systemd/dp-fcgi.service)
#   /etc/nginx/sites-available/dp-pipeline     the site (nginx/dp-pipeline.conf); linked into sites-enabled with
#                                              --enable-nginx-site
#   /usr/share/dp-pipeline/www/                the static web page (when the repository has one)
#
# The service user 'dp-pipeline' (system user, no login) owns the task directories; nginx's user (www-data) joins
# its group to reach the socket and serve downloads. Re-running upgrades the binaries in place (running workers keep
# the old inode) and leaves configuration and data alone. Prebuilt binaries: DP_INSTALL_BIN_DIR=<dir>.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
PREFIX=/opt/dp-pipeline
CONF_DIR=/etc/dp-pipeline
STATE_DIR=/var/lib/dp-pipeline
WWW_DIR=/usr/share/dp-pipeline/www
SERVICE_USER=dp-pipeline
ENABLE_SITE=0

log() { printf 'install: %s\n' "$*"; }
die() { printf 'install: error: %s\n' "$*" >&2; exit 1; }

for argument in "$@"; do
    case "$argument" in
        --enable-nginx-site) ENABLE_SITE=1 ;;
        -h | --help) sed -n '2,20s/^# \{0,1\}//p' "$0"; exit 0 ;;
        *) die "unknown argument: $argument" ;;
    esac
done
[[ "$(id -u)" == 0 ]] || die "run as root (it creates a system user and writes to /opt, /etc and /var/lib)"

log "Debian packages (scripts/setup.sh, no build)"
DP_SKIP_BUILD=1 "$ROOT/scripts/setup.sh"

if [[ -n "${DP_INSTALL_BIN_DIR:-}" ]]; then
    BIN_DIR="$DP_INSTALL_BIN_DIR"
else
    command -v swift > /dev/null || export PATH="/opt/swift/usr/bin:$PATH"
    log "building release with the Swift runtime linked in (.build/install)"
    (cd "$ROOT" && swift build -c release --static-swift-stdlib --build-path .build/install --product dp-fcgi \
        && swift build -c release --static-swift-stdlib --build-path .build/install --product dp-worker)
    BIN_DIR="$(cd "$ROOT" && swift build -c release --static-swift-stdlib --build-path .build/install --show-bin-path)"
fi
for binary in dp-fcgi dp-worker; do [[ -x "$BIN_DIR/$binary" ]] || die "no $binary in $BIN_DIR"; done

if ! getent passwd "$SERVICE_USER" > /dev/null; then
    log "creating system user $SERVICE_USER"
    useradd --system --user-group --home-dir "$STATE_DIR" --no-create-home --shell /usr/sbin/nologin \
        --comment "dp-pipeline service" "$SERVICE_USER"
fi
if getent passwd www-data > /dev/null && ! id -nG www-data | tr ' ' '\n' | grep -qx "$SERVICE_USER"; then
    log "adding www-data to group $SERVICE_USER (socket and downloads)"
    usermod -aG "$SERVICE_USER" www-data
fi

log "binaries → $PREFIX/bin"
install -d -m 0755 "$PREFIX/bin"
for binary in dp-fcgi dp-worker; do
    # Copy, then rename: a running process keeps executing the old file.
    install -m 0755 "$BIN_DIR/$binary" "$PREFIX/bin/.$binary.new"
    mv -f "$PREFIX/bin/.$binary.new" "$PREFIX/bin/$binary"
done
install -m 0644 "$ROOT/README.md" "$PREFIX/README.md"

log "data → $STATE_DIR/tasks"
install -d -m 0750 -o "$SERVICE_USER" -g "$SERVICE_USER" "$STATE_DIR" "$STATE_DIR/tasks"

install -d -m 0750 -o root -g "$SERVICE_USER" "$CONF_DIR"
if [[ -e "$CONF_DIR/dp-pipeline.env" ]]; then
    log "configuration $CONF_DIR/dp-pipeline.env kept as it is"
else
    install -m 0640 -o root -g "$SERVICE_USER" "$ROOT/deploy/dp-pipeline.env.example" "$CONF_DIR/dp-pipeline.env"
    log "configuration → $CONF_DIR/dp-pipeline.env (set DP_STATE_DATABASE_URL before starting)"
fi

# The AES-256-GCM key sealing connection passwords in the state database: made once, readable by the service
# user only (dp-fcgi and dp-worker refuse a key file that group or others can read). Losing it makes stored
# connection strings unreadable (those tasks must be re-created); back it up apart from database dumps.
KEY_FILE="$CONF_DIR/secret.key"
if [[ ! -s "$KEY_FILE" ]]; then
    log "connection-password key → $KEY_FILE (0600, $SERVICE_USER)"
    (umask 077 && head -c 32 /dev/urandom | base64 > "$KEY_FILE.new")
    chown "$SERVICE_USER:$SERVICE_USER" "$KEY_FILE.new"
    chmod 0600 "$KEY_FILE.new"
    mv "$KEY_FILE.new" "$KEY_FILE"
else
    chown "$SERVICE_USER:$SERVICE_USER" "$KEY_FILE"
    chmod 0600 "$KEY_FILE"
fi
if ! grep -q '^DP_SECRET_KEY_FILE=' "$CONF_DIR/dp-pipeline.env"; then
    log "adding DP_SECRET_KEY_FILE=$KEY_FILE to $CONF_DIR/dp-pipeline.env"
    printf '\n# Key sealing connection passwords in the state database (added by install.sh)\nDP_SECRET_KEY_FILE=%s\n' \
        "$KEY_FILE" >> "$CONF_DIR/dp-pipeline.env"
fi

log "systemd unit → /etc/systemd/system/dp-fcgi.service"
install -d -m 0755 /etc/systemd/system
install -m 0644 "$ROOT/deploy/systemd/dp-fcgi.service" /etc/systemd/system/dp-fcgi.service
if [[ -d /run/systemd/system ]]; then systemctl daemon-reload; fi

log "nginx site → /etc/nginx/sites-available/dp-pipeline"
install -d -m 0755 /etc/nginx/sites-available /etc/nginx/sites-enabled
install -m 0644 "$ROOT/nginx/dp-pipeline.conf" /etc/nginx/sites-available/dp-pipeline
if (( ENABLE_SITE )); then
    ln -sfn ../sites-available/dp-pipeline /etc/nginx/sites-enabled/dp-pipeline
    nginx -t -q && log "site enabled (reload nginx to apply)"
fi

install -d -m 0755 "$WWW_DIR"
if [[ -d "$ROOT/nginx/www" ]]; then cp -r "$ROOT/nginx/www/." "$WWW_DIR/"; fi

cat <<TEXT

install: done. Next:
  1. edit $CONF_DIR/dp-pipeline.env (DP_STATE_DATABASE_URL: a database the service may create tables in)
  2. systemctl enable --now dp-fcgi          (migrations run on start; journalctl -u dp-fcgi for its log)
  3. ln -s ../sites-available/dp-pipeline /etc/nginx/sites-enabled/ && nginx -t && systemctl reload nginx
  4. curl http://127.0.0.1:8084/health
Upgrades: pull, re-run deploy/install.sh, systemctl restart dp-fcgi (running executions continue).
TEXT
