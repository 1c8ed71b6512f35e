"""Real implementations of the adapters whose engine parts are built elsewhere.

Each function looks for its engine part and raises ``NotAvailable`` (shown to the
officer in Vietnamese) when this installation does not have it yet.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from campaigns.store import Post
from tui.status import DaemonStatus

if TYPE_CHECKING:
    from tui.engine import ChannelCheck, Engine


def check_channel(engine: Engine, name: str) -> ChannelCheck:
    from tui.engine import NotAvailable

    raise NotAvailable("Chưa có chức năng kiểm tra kênh (loa channels check) trong bản cài này.")


def publish_now(engine: Engine, post: Post) -> Post:
    from tui.engine import NotAvailable

    raise NotAvailable("Chưa có chức năng đăng ngay (cần daemon) trong bản cài này.")


def heartbeat(engine: Engine) -> DaemonStatus:
    return DaemonStatus(
        available=False,
        running=False,
        note="Bản cài này chưa có daemon nên không có nhịp tim; bài đã duyệt sẽ không tự đăng.",
    )
