#!/usr/bin/env bash
# ruff, mypy (strict on the packages) and the import-layer contracts.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh dev
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy
.venv/bin/lint-imports
