"""The daemon's log file is its owner's alone: 0600 (also each file rotation starts), in
a folder made 0700, under the usual umask 022."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from campaigns.daemon import logs
from tests.conftest import mode

pytestmark = pytest.mark.usefixtures("umask_022")


def test_the_daemon_log_before_and_after_rotation(tmp_path: Path) -> None:
    file = tmp_path / "nhat-ky" / "loa.log"
    logs.setup(file=file, max_bytes=200, backups=2)
    for i in range(20):
        logging.getLogger("loa.test").info("line %s of the test log", i)
    assert (tmp_path / "nhat-ky" / "loa.log.1").exists()  # it rotated
    assert mode(file.parent) == 0o700
    assert {p.name: mode(p) for p in file.parent.iterdir()} == {
        p.name: 0o600 for p in file.parent.iterdir()
    }
