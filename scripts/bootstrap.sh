#!/usr/bin/env bash
# Shared first step of `npm test` and `npm run open` on a fresh machine: npm packages (from the
# lock file) and, for the real VS Code, code-server + Chromium (Debian packages when root).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
stamp="node_modules/.ddia-lock-stamp"
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  echo "[bootstrap] npm ci" >&2
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json "$stamp"
fi
if [ "${1:-}" != "--no-vscode" ]; then
  bash scripts/install-code-server.sh
fi
