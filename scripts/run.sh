#!/usr/bin/env bash
# The main job on a fresh machine: the bundled calendar.toml, the embedded SQLite database
# (in the user's data folder), nothing published anywhere real.
#   check the calendar -> plan 2026-2027 -> dry-run preview of the next 30 days (images,
#   captions, contact sheet, index.html in ./preview) -> the next two weeks -> daemon status
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
loa=.venv/bin/loa
today=$(date +%d/%m/%Y)
$loa check
$loa plan --from 01/01/2026 --to 31/12/2027
$loa preview --from "$today" --to "$(date -d '+30 days' +%d/%m/%Y)" --out preview
$loa posts list --from "$today" --to "$(date -d '+14 days' +%d/%m/%Y)"
$loa status
echo
echo "Xem trước: $(pwd)/preview/index.html · Giao diện: $loa tui · Chạy nền: $loa daemon"
