#!/usr/bin/env bash
# `npm test`: the one command that runs every test on a fresh machine of this kind (Debian,
# Node 20, root): installs what it needs, then build + typecheck + lint, unit tests, headless lab
# runs, packaging, integration suites inside a real VS Code, and the Playwright journeys.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/bootstrap.sh
exec node --import tsx scripts/test-all.ts "$@"
