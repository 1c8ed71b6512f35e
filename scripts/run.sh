#!/usr/bin/env bash
# The main job on a fresh machine: the bundled calendar.toml, the embedded SQLite database
# (in the user's data folder), nothing published anywhere real.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
loa=.venv/bin/loa
today=$(date +%d/%m/%Y)
$loa check
$loa plan --from 01/01/2026 --to 31/12/2027
$loa posts list --from "$today" --to "$(date -d '+14 days' +%d/%m/%Y)"
