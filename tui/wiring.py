"""Real implementations of the adapters whose engine parts are built elsewhere.

Each function looks for its engine part and raises ``NotAvailable`` (shown to the
officer in Vietnamese) when this installation does not have it yet.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from campaigns.errors import UserError
from campaigns.store import Post
from tui.status import DaemonStatus

if TYPE_CHECKING:
    from tui.engine import ChannelCheck, Engine


def check_channel(engine: Engine, name: str) -> ChannelCheck:
    """Open the ward's channels with the stored secrets and ask one who it is."""
    from publishers.channels import ChannelSpec, open_channels
    from publishers.errors import PublishError
    from tui.engine import ChannelCheck, optional

    secrets = optional("campaigns.secrets", "kho mã truy cập (loa channels set-token)")
    cal = engine.calendar
    specs = [ChannelSpec(c.name, c.type, c.settings) for c in cal.config.channels]
    try:
        opened = open_channels(specs, secrets.SecretStore())
    except PublishError as exc:
        raise UserError(exc.message) from None
    try:
        who = opened[name].check()
    except PublishError as exc:
        raise UserError(exc.message) from None
    finally:
        for publisher in opened.values():
            publisher.close()
    notes = ((f"Mã: {who.token_hint}",) if who.token_hint else ()) + tuple(who.notes)
    return ChannelCheck(f"{who.name} (id {who.id})", who.expires_at, notes)


def publish_now(engine: Engine, post: Post) -> Post:
    from tui.engine import NotAvailable

    raise NotAvailable("Chưa có chức năng đăng ngay (cần daemon) trong bản cài này.")


def heartbeat(engine: Engine) -> DaemonStatus:
    return DaemonStatus(
        available=False,
        running=False,
        note="Bản cài này chưa có daemon nên không có nhịp tim; bài đã duyệt sẽ không tự đăng.",
    )
