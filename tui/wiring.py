"""Real implementations of the adapters whose engine parts are built elsewhere.

Each function looks for its engine part and raises ``NotAvailable`` (shown to the
officer in Vietnamese) when this installation does not have it yet.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from campaigns.errors import UserError
from campaigns.store import Post
from tui.status import ChannelNote, DaemonStatus

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
    """The daemon's own publish path (``campaigns.publishing.publish_now``), right now."""
    from tui.engine import optional

    publishing = optional("campaigns.publishing", "chức năng đăng ngay (cần daemon)")
    cal, post_id = engine.calendar, post.id or 0
    broken: dict[str, str] = {}  # another channel that cannot be opened does not matter
    publishers = publishing.open_publishers(cal, broken=broken)
    try:
        outcome = publishing.publish_now(
            engine.store, cal, publishers, post_id, actor=engine.actor, unopened=broken
        )
    finally:
        for publisher in publishers.values():
            publisher.close()
    if outcome.status != "published":
        raise UserError(outcome.message or f"Bài số {post_id} chưa đăng được.")
    return engine.post(post_id)


def channel_notes(engine: Engine) -> dict[str, ChannelNote]:
    """Per channel, what the daemons recorded (``campaigns.daemon.status``), if installed."""
    try:
        status = importlib.import_module("campaigns.daemon.status")
    except ImportError:
        return {}
    st = status.gather(engine.store, engine.unit)
    return {
        c.channel: ChannelNote(
            bool(c.paused), c.blocked_until, c.reason, c.token_expires_at, c.warning
        )
        for c in st.channels
    }


def heartbeat(engine: Engine) -> DaemonStatus:
    """From the daemons' heartbeat rows (``campaigns.daemon.status``) when installed."""
    try:
        status = importlib.import_module("campaigns.daemon.status")
    except ImportError:
        return DaemonStatus(
            available=False,
            running=False,
            note="Bản cài này chưa có daemon nên không có nhịp tim; bài đã duyệt sẽ không tự đăng.",
        )
    cal = engine.calendar
    sweep = float(getattr(getattr(cal.config, "daemon", None), "sweep_seconds", 5.0))
    st = status.gather(engine.store, engine.unit, sweep_seconds=sweep)
    beats = list(st.alive) or list(st.daemons)
    if not beats:
        return DaemonStatus(True, False, note="Chưa có daemon nào từng chạy cho đơn vị này.")
    beat = beats[0]
    running = bool(st.alive)
    note = f"{beat.host}, tiến trình {beat.pid}, phiên bản {beat.version}"
    if len(st.alive) > 1:
        note += f" · {len(st.alive)} daemon đang chạy"
    if beat.in_flight and running:  # a silent daemon's last count is no longer true
        note += f" · đang đăng {beat.in_flight} bài"
    if not running:
        note = "Lần chạy gần nhất đã im lặng quá lâu: " + note
    return DaemonStatus(True, running, beat.last_tick, beat.last_tick, beat.host, note)
