"""``loa --help`` reads the command table and imports no command; the table and the
command modules agree."""

from __future__ import annotations

import argparse
import importlib
import json
import subprocess
import sys

from campaigns.cli import build_parser
from campaigns.cli.commands import COMMANDS
from tests.conftest import ROOT

HEAVY = ("sqlalchemy", "sqlmodel", "pydantic", "PIL", "jinja2", "httpx", "docx", "rich")

PROBE = """
import json, sys
from campaigns.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
print(json.dumps(sorted(m.split('.')[0] for m in sys.modules)), file=sys.stderr)
"""


def _loaded(*argv: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *argv], capture_output=True, text=True, cwd=ROOT, check=False
    )
    return set(json.loads(done.stderr.strip().splitlines()[-1]))


def test_help_imports_no_command() -> None:
    loaded = _loaded("--help")
    assert not loaded & set(HEAVY), loaded & set(HEAVY)


def test_one_command_imports_only_its_own_module() -> None:
    loaded = _loaded("--calendar", "x.toml", "plan", "--help")
    assert "sqlalchemy" in loaded  # plan's module needs the store
    assert "docx" not in loaded and "pypdf" not in loaded  # report's and import's do not


def test_the_table_names_what_each_module_registers() -> None:
    for name, (module, help_text) in COMMANDS.items():
        sub = argparse.ArgumentParser().add_subparsers()
        importlib.import_module(module).register(sub)
        assert name in sub.choices, (name, module)
        action = next(a for a in sub._choices_actions if a.dest == name)
        assert action.help == help_text
    full = build_parser()
    listed = next(a for a in full._actions if isinstance(a, argparse._SubParsersAction))
    assert set(COMMANDS) <= set(listed.choices)
