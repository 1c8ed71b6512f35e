"""What Loa creates for itself is its owner's alone: the database (and its -wal, -shm)
and crash reports are 0600, the folders made for them 0700, under the usual umask 022.
(The daemon's log: tests/daemon/test_log_file.py.)"""

from __future__ import annotations

from pathlib import Path

import platformdirs
import pytest

from campaigns import cli
from campaigns.errors import UserError
from campaigns.store import Store
from tests.conftest import mode

pytestmark = pytest.mark.usefixtures("umask_022")


def test_the_default_database_and_its_folder(tmp_path: Path) -> None:
    data = Path(platformdirs.user_data_dir("loa"))
    assert not data.parent.exists()
    store = Store.open()
    try:
        with store.engine.begin() as conn:  # a write: the -wal and -shm are there meanwhile
            conn.exec_driver_sql("UPDATE alembic_version SET version_num = version_num")
            files = [data / "loa.db", data / "loa.db-wal", data / "loa.db-shm"]
            assert {f.name: mode(f) for f in files} == {f.name: 0o600 for f in files}
    finally:
        store.engine.dispose()
    assert mode(data) == 0o700 and mode(data.parent) == 0o700


def test_a_database_named_by_url_is_private_and_its_folder_must_exist(tmp_path: Path) -> None:
    folder = tmp_path / "du-lieu"
    folder.mkdir()
    Store.open(f"sqlite:///{folder / 'loa.db'}").engine.dispose()
    assert mode(folder / "loa.db") == 0o600
    with pytest.raises(UserError, match="không tồn tại"):  # a typo is not a new database
        Store.open(f"sqlite:///{tmp_path / 'khong-co' / 'loa.db'}")
    assert not (tmp_path / "khong-co").exists()


def test_the_crash_report_and_its_folders() -> None:
    path = cli._crash_log(RuntimeError("a bug"))
    assert mode(path) == 0o600
    assert mode(path.parent) == mode(path.parent.parent) == 0o700
