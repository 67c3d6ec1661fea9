#!/usr/bin/env bash
# Installs a real VS Code for tests and for `npm run open` on machines without desktop VS Code:
# code-server 4.100.3 (= VS Code 1.100.3) plus Debian's Chromium and playwright-core.
# Follows ../shared/notes/real-vscode-testing.md. Idempotent: a second run takes about a second.
# Only the npm registry and Debian's packages are reachable here, so every step that would
# download from GitHub or Microsoft is replaced by a local build or a Debian binary.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="${DDIA_TOOLS_DIR:-$ROOT/.tools}"
CS_VERSION="4.100.3"
CS="$TOOLS/node_modules/code-server"
STAMP="$TOOLS/.installed-$CS_VERSION"

log() { printf '[install-code-server] %s\n' "$*" >&2; }

need_debs=()
for pair in chromium:/usr/bin/chromium rg:/usr/bin/rg; do
  bin="${pair#*:}"
  [ -x "$bin" ] || need_debs+=("${pair%%:*}")
done
if ! dpkg -s libkrb5-dev >/dev/null 2>&1; then need_debs+=(libkrb5-dev); fi
if ! command -v g++ >/dev/null 2>&1; then need_debs+=(build-essential); fi
if [ ${#need_debs[@]} -gt 0 ]; then
  pkgs=()
  for p in "${need_debs[@]}"; do
    case "$p" in rg) pkgs+=(ripgrep) ;; *) pkgs+=("$p") ;; esac
  done
  if [ "$(id -u)" = 0 ]; then
    log "installing Debian packages: ${pkgs[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq --no-install-recommends "${pkgs[@]}" python3 >/dev/null
  else
    log "missing Debian packages: ${pkgs[*]} (run this script as root, or: sudo apt-get install ${pkgs[*]})"
    exit 1
  fi
fi

if [ -f "$STAMP" ] && [ -f "$CS/out/node/entry.js" ]; then
  exit 0
fi

log "installing code-server $CS_VERSION into $TOOLS (about a minute the first time)"
mkdir -p "$TOOLS"
cd "$TOOLS"
[ -f package.json ] || echo '{"name":"ddia-labs-tools","private":true}' > package.json
npm install --no-audit --no-fund --loglevel=error --ignore-scripts "code-server@$CS_VERSION" "playwright-core@1" >/dev/null

cd "$CS/lib/vscode"
npm install --no-audit --no-fund --loglevel=error --omit=dev --ignore-scripts >/dev/null
mkdir -p node_modules/@vscode/ripgrep/bin
cp /usr/bin/rg node_modules/@vscode/ripgrep/bin/rg
log "building native modules from source"
npm_config_yes=true npm_config_build_from_source=true \
  npm rebuild --loglevel=error node-pty @parcel/watcher kerberos native-watchdog @vscode/spdlog @vscode/deviceid >/dev/null
ln -sfn node_modules node_modules.asar
cd "$CS/lib/vscode/extensions"
npm install --no-audit --no-fund --loglevel=error --omit=dev >/dev/null
node postinstall.mjs >/dev/null
cd "$CS"
ln -sfn code-linux.sh lib/vscode/bin/remote-cli/code-server 2>/dev/null || true
[ -d bin/remote-cli ] && ln -sfn code-linux.sh bin/remote-cli/code-server || true
[ -d bin/helpers ] && ln -sfn browser-linux.sh bin/helpers/browser.sh || true
[ -d lib/vscode/bin/helpers ] && ln -sfn browser-linux.sh lib/vscode/bin/helpers/browser.sh || true
cd "$TOOLS"
npm_config_build_from_source=true npm rebuild --loglevel=error argon2 >/dev/null

touch "$TOOLS/empty-config.yaml"
version="$(node "$CS/out/node/entry.js" --config "$TOOLS/empty-config.yaml" --version | grep -F "$CS_VERSION" | head -1 || true)"
log "installed: $version"
case "$version" in *"$CS_VERSION"*) touch "$STAMP" ;; *) log "unexpected version"; exit 1 ;; esac
