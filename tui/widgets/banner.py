"""The daemon banner: shown on every screen when no daemon runs and approved posts are due."""

from __future__ import annotations

from textual.reactive import reactive
from textual.widgets import Static

from tui.status import Snapshot


class DaemonBanner(Static):
    snapshot: reactive[Snapshot | None] = reactive(None)

    def watch_snapshot(self, snap: Snapshot | None) -> None:
        self.display = bool(snap and snap.warn)
        if snap and snap.warn:
            self.update(
                f"⚠ Tự động đăng không chạy: {snap.approved_due} bài đã duyệt đến giờ trong "
                "24 giờ tới sẽ KHÔNG được đăng. Hãy chạy lệnh: loa daemon (xem phím 4)."
            )
