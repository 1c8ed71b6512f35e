#!/usr/bin/env bash
# Create .venv and install Loa into it (editable, with the dev tools when asked).
#   scripts/setup.sh          runtime only
#   scripts/setup.sh dev      + pytest, mypy, ruff, import-linter
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}

# Pillow's complex text layout (raqm) loads the system's FriBiDi; Loa falls back to basic
# layout without it, but Vietnamese stacked marks look best with it.
if ! ldconfig -p 2>/dev/null | grep -q 'libfribidi.so.0'; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libfribidi0 >/dev/null
  else
    echo "Cảnh báo: thiếu libfribidi0 (sudo apt-get install libfribidi0); Loa vẫn chạy với bố cục chữ cơ bản." >&2
  fi
fi

# Loudspeaker bulletins ('loa bulletin') come with a machine-voice WAV when Debian's offline
# speech engine espeak-ng (Vietnamese voice 'vi') is there; the TXT and DOCX need nothing.
if ! command -v espeak-ng >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq espeak-ng >/dev/null; } ||
      echo "Cảnh báo: không cài được espeak-ng; bản tin loa chỉ có TXT và DOCX." >&2
  else
    echo "Gợi ý: cài espeak-ng (sudo apt-get install espeak-ng) để bản tin loa có tệp âm thanh." >&2
  fi
fi

[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
if [ "${1:-}" = dev ]; then
  .venv/bin/python -m pip install -q -e '.[dev]'
else
  .venv/bin/python -m pip install -q -e .
fi
