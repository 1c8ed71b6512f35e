#!/usr/bin/env bash
# Set up (if needed) and run the test suite. Servers the tests use (PostgreSQL, MariaDB for
# WordPress) are optional: tests that need one skip with the reason when it is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh dev
exec .venv/bin/python -m pytest "$@"
