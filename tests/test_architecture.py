"""Layering: tui -> campaigns -> publishers, and only the TUI loads Textual."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_import_contracts_hold() -> None:
    lint = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run([str(lint)], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_cli_and_engine_never_load_textual() -> None:
    code = (
        "import sys\n"
        "from campaigns.cli import build_parser\n"
        "import campaigns.store, campaigns.planning, campaigns.config, publishers.registry\n"
        "build_parser()\n"
        "roots = ('textual', 'textual_image')\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in roots)\n"
        "assert not loaded, loaded\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
