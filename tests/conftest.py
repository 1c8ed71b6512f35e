from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from campaigns.config.load import WardCalendar, load_calendar

ROOT = Path(__file__).resolve().parent.parent
CALENDAR = ROOT / "calendar.toml"


@pytest.fixture(autouse=True)
def _cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("LOA_CACHE_DIR", str(folder))
    return folder


@pytest.fixture(scope="session")
def cal() -> WardCalendar:
    return load_calendar(CALENDAR)


@pytest.fixture
def make_cal(tmp_path: Path) -> Callable[[str], WardCalendar]:
    """The bundled calendar with extra TOML appended, loaded from a temporary folder."""

    def make(
        extra: str = "",
        files: dict[str, str | bytes] | None = None,
        edit: dict[str, str] | None = None,
    ) -> WardCalendar:
        folder = tmp_path / "ward"
        folder.mkdir(exist_ok=True)
        for name, content in (files or {}).items():
            target = folder / name
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                target.write_bytes(content)
            else:
                target.write_text(content, encoding="utf-8")
        path = folder / "calendar.toml"
        text = CALENDAR.read_text("utf-8")
        for old, new in (edit or {}).items():
            assert old in text, old
            text = text.replace(old, new)
        path.write_text(text + "\n" + extra, "utf-8")
        return load_calendar(path)

    return make
