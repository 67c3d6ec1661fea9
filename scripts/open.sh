#!/usr/bin/env bash
# `npm run open [-- WORKSPACE_DIR]`: opens DDIA Labs in a real VS Code.
# - Desktop VS Code (`code` on PATH): runs it with --extensionDevelopmentPath on the workspace.
# - Otherwise: installs code-server 4.100.3 (first run only), packages the extension, installs
#   the .vsix, and serves VS Code on http://127.0.0.1:$PORT (default 8080), printing the URL.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
WORKSPACE="${1:-${DDIA_WORKSPACE:-$HOME/ddia-labs-workspace}}"
mkdir -p "$WORKSPACE"
if command -v code >/dev/null 2>&1 && [ -z "${DDIA_FORCE_CODE_SERVER:-}" ]; then
  bash scripts/bootstrap.sh --no-vscode
  npm run --silent build
  exec code --extensionDevelopmentPath="$ROOT" "$WORKSPACE"
fi
bash scripts/bootstrap.sh
exec node --import tsx scripts/open.ts "$WORKSPACE"
