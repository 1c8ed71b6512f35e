#!/usr/bin/env bash
# A non-editable install into a fresh virtualenv must give a working `loa` that finds its
# assets, fonts and campaign data, run from a folder that is not the source tree.
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 -m venv "$work/venv"
"$work/venv/bin/python" -m pip install -q --upgrade pip
"$work/venv/bin/python" -m pip install -q "$src"
cd "$work"
cp "$src/calendar.toml" .
export LOA_DATABASE_URL="sqlite:///$work/loa.db" XDG_DATA_HOME="$work/data" XDG_CACHE_HOME="$work/cache"
"$work/venv/bin/loa" check >/dev/null
"$work/venv/bin/loa" plan --from 01/04/2026 --to 30/04/2026
"$work/venv/bin/loa" report --quarter 2026-Q2 --no-refresh --out "$work/bao-cao.docx" >/dev/null
test -s "$work/bao-cao.docx"
"$work/venv/bin/loa" preview --from 06/04/2026 --to 07/04/2026 --out "$work/xem-truoc" >/dev/null
test -s "$work/xem-truoc/index.html" && test -s "$work/xem-truoc/contact/2026-04.jpg"
"$work/venv/bin/loa" print --content s03 --out "$work/in-an" >/dev/null
test -s "$work/in-an/s03-a4.pdf"
"$work/venv/bin/loa" init "$work/moi.toml" --name "Xã Hàm Liêm" --province "Tỉnh Lâm Đồng" --issuing-unit "Đảng ủy xã Hàm Liêm" >/dev/null
"$work/venv/bin/loa" --calendar "$work/moi.toml" check >/dev/null
"$work/venv/bin/python" - <<'PY'
from importlib import resources
assets = resources.files("loa_assets")
assert (assets / "fonts" / "BeVietnamPro-Regular.ttf").is_file(), "font missing"
assert (assets / "fonts" / "OFL.txt").is_file(), "font licence missing"
assert (assets / "templates" / "captions" / "zalo" / "title.txt").is_file(), "captions missing"
assert (assets / "templates" / "preview" / "index.html.j2").is_file(), "preview page missing"
assert (resources.files("campaigns") / "data" / "nq72.toml").is_file(), "campaign data missing"
print("check-install: ok (non-editable install finds fonts, templates and campaign data)")
PY
