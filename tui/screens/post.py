"""Bài đăng: one post, its image and caption, its time, its moves and its history."""

from __future__ import annotations

from datetime import datetime
from functools import partial
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, DataTable, Input, Select, Static

from campaigns.errors import LoaError
from campaigns.store import Post
from campaigns.store.lifecycle import (
    APPROVE,
    CANCEL,
    CONFIRM_NOT_LIVE,
    EDIT,
    MARK_LIVE,
    PUBLISH_NOW,
    RESTORE,
    RETRY,
    TO_DRAFT,
    Move,
    Status,
    label,
)
from campaigns.store.models import OWN
from campaigns.store.posts import refusal
from campaigns.timeutil import fmt_local
from tui.engine import CaptionView, Engine
from tui.screens.advice import advice
from tui.screens.base import LoaScreen
from tui.screens.confirm import AskText, Confirm
from tui.widgets.caption import CaptionEditor
from tui.widgets.labels import clip, kind_label, status_text
from tui.widgets.preview import ImageMode, Preview


class PostScreen(LoaScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "quay lại"),
        Binding("a", "move('approve')", "duyệt"),
        Binding("d", "move('to_draft')", "về nháp"),
        Binding("x", "move('cancel')", "hủy"),
        Binding("r", "move('retry')", "đăng lại"),
        Binding("u", "move('restore')", "khôi phục"),
        Binding("p", "publish", "đăng ngay"),
        Binding("l", "mark_live", "đã lên kênh", show=False),
        Binding("n", "not_live", "chưa lên kênh", show=False),
        Binding("ctrl+s", "save_caption", "lưu"),
    ]
    RULES: ClassVar[dict[str, Move]] = {
        "approve": APPROVE, "to_draft": TO_DRAFT, "cancel": CANCEL, "retry": RETRY,
        "restore": RESTORE,
    }  # fmt: skip

    def __init__(self, engine: Engine, post_id: int, image_mode: ImageMode = "auto") -> None:
        super().__init__(engine)
        self.post_id = post_id
        self.image_mode = image_mode
        self.post: Post = engine.post(post_id)
        self._shown_due: datetime | None = None

    def body(self) -> ComposeResult:
        with VerticalScroll(id="post"):
            yield Static(id="post-head", classes="title")
            yield Static(id="post-when")
            yield Static(id="post-error", classes="error-box")
            with Vertical(id="maybe-live", classes="warning-box"):
                yield Static(id="maybe-live-note")
                with Horizontal(id="live-actions"):
                    yield Button("Đã lên kênh (l)", id="live-yes", compact=True)
                    yield Button("Chưa lên kênh (n)", id="live-no", compact=True)
            yield Static(id="post-link", classes="link-box")
            with Horizontal(id="actions"):
                yield Button("Duyệt (a)", id="act-approve", variant="success", compact=True)
                yield Button("Về nháp (d)", id="act-to_draft", compact=True)
                yield Button("Hủy (x)", id="act-cancel", variant="error", compact=True)
                yield Button("Đăng lại (r)", id="act-retry", compact=True)
                yield Button("Khôi phục (u)", id="act-restore", compact=True)
                yield Button("Đăng ngay (p)", id="act-publish", variant="warning", compact=True)
            with Horizontal(id="post-main"):
                yield Preview(self.image_mode)
                with Vertical(id="caption-box"):
                    yield Static("Đang soạn chú thích…", id="caption-note")
            with Horizontal(classes="row"):
                yield Static("Nội dung thẻ:", classes="row-label")
                yield Select(self._choices(), value=self.post.content_id, allow_blank=False,
                             id="content", compact=True)  # fmt: skip
            with Horizontal(classes="row"):
                yield Static("Dời lịch:", classes="row-label")
                yield Input(fmt_local(self.post.due_at, self.engine.calendar.tz), id="when",
                            compact=True)  # fmt: skip
                yield Button("Dời", id="reschedule", compact=True)
                yield Static(f"giờ {self.engine.tz_name}", id="zone", classes="dim")
            yield Static("Lịch sử", classes="section")
            yield DataTable(id="history", cursor_type="row", show_cursor=False)

    def _choices(self) -> list[tuple[str, str]]:
        out = []
        for cid, kind, text in self.engine.content_choices(self.post):
            out.append((clip(f"{kind_label(kind)} · {cid} · {text}", 70), cid))
        if not any(v == self.post.content_id for _, v in out):
            out.insert(0, (clip(f"{self.post.content_id} · {self.post.text}", 70),
                           self.post.content_id))  # fmt: skip
        return out

    def on_mount(self) -> None:
        table = self.query_one("#history", DataTable)
        table.add_columns("Lúc", "Từ", "Sang", "Ai", "Lý do")
        self.show_post(self.post)
        self.load_caption()
        self.load_preview()

    def reload(self) -> None:
        try:
            self.show_post(self.engine.post(self.post_id))
        except LoaError as exc:
            self.fail(exc)

    def show_post(self, post: Post) -> None:
        self.post = post
        tz = self.engine.calendar.tz
        head = Text(f"Bài số {post.id} · {post.channel} · ")
        source = "" if post.kind == OWN else f" ({post.content_id})"  # own: no campaign item
        head.append(f"{kind_label(post.kind)}{source} · ")
        head.append_text(status_text(post.status, post.maybe_live))
        self.query_one("#post-head", Static).update(head)
        when = f"Giờ đăng: {fmt_local(post.due_at, tz, with_zone=True)}, giờ {self.engine.tz_name}"
        if post.peak:
            when += f" · Cao điểm: {post.peak}"
        if post.event:
            when += f" · Sự kiện: {post.event}"
        self.query_one("#post-when", Static).update(Text(when))
        error = self.query_one("#post-error", Static)
        bad = post.status in (Status.FAILED, Status.MISSED)
        error.display = bad
        if bad:
            reason = post.error or label(post.status)
            error.update(Text(f"✘ {reason}\nCách xử lý: {advice(post)}"))
        self._show_maybe_live(post)
        link = self.query_one("#post-link", Static)
        link.display = bool(post.url)
        if post.url:
            link.update(Text.assemble("✔ Đã đăng: ", (post.url, Style(link=post.url, bold=True))))
        when_input = self.query_one("#when", Input)
        if post.due_at != self._shown_due:  # never overwrite what the officer is typing
            self._shown_due = post.due_at
            when_input.value = fmt_local(post.due_at, tz)
        for name, rule in self.RULES.items():
            button = self.query_one(f"#act-{name}", Button)
            button.disabled = not rule.allows(post.status)
            button.display = name != "restore" or rule.allows(post.status)
        self.query_one("#act-publish", Button).disabled = not PUBLISH_NOW.allows(post.status)
        table = self.query_one("#history", DataTable)
        table.clear()
        table.add_row(fmt_local(post.created_at, tz), "—", "tạo", Text(post.created_by), "")
        for t in self.engine.history(self.post_id):
            before = label(t.from_status) if t.from_status else "—"
            table.add_row(fmt_local(t.at, tz), before, label(t.to_status),
                          Text(t.actor), Text(t.reason))  # fmt: skip

    def _show_maybe_live(self, post: Post) -> None:
        box = self.query_one("#maybe-live", Vertical)
        box.display = post.maybe_live
        if not post.maybe_live:
            return
        waiting = post.status in (Status.APPROVED, Status.PUBLISHING)
        then = (
            "Loa sẽ xem trên kênh trước khi đăng lại, không đăng hai lần."
            if waiting
            else "Loa chưa kiểm tra được; hãy xem trên kênh."
        )
        self.query_one("#maybe-live-note", Static).update(
            Text(
                f"? Có thể đã đăng — {'đang kiểm tra' if waiting else 'cần kiểm tra'}: lần "
                f"đăng trước không rõ kết quả (mất kết nối hoặc tiến trình bị dừng). {then} "
                "Nếu đã xem trên kênh, hãy xác nhận:"
            )
        )
        self.query_one("#live-no", Button).disabled = not CONFIRM_NOT_LIVE.allows(post.status)
        self.query_one("#live-yes", Button).disabled = not MARK_LIVE.allows(post.status)

    # -- slow work ---------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="caption")
    def load_caption(self) -> None:
        try:
            view = self.engine.caption(self.post)
        except LoaError as exc:
            self.app.call_from_thread(self._caption_note, exc.message)
            return
        self.app.call_from_thread(self.call_later, self._caption_ready, view)

    def _caption_note(self, text: str) -> None:
        self.query_one("#caption-note", Static).update(Text(text))

    async def _caption_ready(self, view: CaptionView) -> None:
        box = self.query_one("#caption-box", Vertical)
        await box.remove_children()
        read_only = not EDIT.allows(self.post.status)
        check = partial(self.engine.caption_problems, view)
        await box.mount(CaptionEditor(view, check, read_only=read_only))

    @work(thread=True, exclusive=True, group="preview")
    def load_preview(self) -> None:
        try:
            data = self.engine.preview(self.post)
        except LoaError as exc:
            self.app.call_from_thread(self.call_later, self.query_one(Preview).message, exc.message)
            return
        self.app.call_from_thread(self.call_later, self.query_one(Preview).show, data)

    @work(thread=True, exclusive=True, group="publish")
    def publish(self) -> None:
        try:
            post = self.engine.publish_now(self.post_id)
        except LoaError as exc:
            self.app.call_from_thread(self.fail, exc)
            self.app.call_from_thread(self.reload)
            return
        self.app.call_from_thread(self._published, post)

    def _published(self, post: Post) -> None:
        self.show_post(post)
        self.notify(f"Đã đăng: {post.url}" if post.url else "Đã đăng.")

    # -- actions -----------------------------------------------------------------------

    def action_back(self) -> None:
        self.dismiss(None)

    def action_move(self, name: str) -> None:
        if name == "cancel":
            question = (
                f"Hủy bài số {self.post_id}? Bài đã hủy sẽ không được đăng và không khôi phục được."
            )
            self.app.push_screen(Confirm(question, "Hủy bài (c)"), self._cancel_answer)
            return
        self._move(name)

    def _cancel_answer(self, yes: bool | None) -> None:
        if yes:
            self._move("cancel")

    def _move(self, name: str) -> None:
        rule = self.RULES[name]
        result = self.engine.move([self.post_id], rule)
        if result.changed:
            self.notify(f"Đã {rule.label} bài số {self.post_id}.")
        for line in result.problems(rule):
            self.notify(line, severity="warning", timeout=8)
        self.reload()

    def action_publish(self) -> None:
        if not PUBLISH_NOW.allows(self.post.status):
            reason = (
                f"Bài số {self.post_id} chưa được duyệt; hãy duyệt (a) trước khi đăng."
                if self.post.status == Status.DRAFT
                else refusal(self.post_id, self.post.status, PUBLISH_NOW)
            )
            self.notify(reason, severity="warning")
            return
        question = (
            f"Đăng bài số {self.post_id} lên kênh {self.post.channel} ngay bây giờ, "
            "không chờ đến giờ đã hẹn?"
        )
        self.app.push_screen(Confirm(question, "Đăng ngay (c)"), self._publish_answer)

    def _publish_answer(self, yes: bool | None) -> None:
        if yes:
            self.notify("Đang đăng…")
            self.publish()

    def action_mark_live(self) -> None:
        if not (self.post.maybe_live and MARK_LIVE.allows(self.post.status)):
            return
        question = (
            f"Bài số {self.post_id} đã lên kênh {self.post.channel}? Dán địa chỉ của bài trên "
            "kênh; Loa sẽ ghi là đã đăng và không đăng lại."
        )
        self.app.push_screen(AskText(question, "https://…", "Ghi là đã đăng"), self._live_link)

    def _live_link(self, link: str | None) -> None:
        if not link:
            return
        try:
            post = self.engine.mark_live(self.post_id, link)
        except LoaError as exc:
            self.fail(exc)
            return
        self.notify(f"Đã ghi nhận bài số {self.post_id} đã đăng.")
        self.show_post(post)

    def action_not_live(self) -> None:
        if not (self.post.maybe_live and CONFIRM_NOT_LIVE.allows(self.post.status)):
            return
        question = (
            f"Đã xem trên kênh {self.post.channel} và bài số {self.post_id} chưa lên? Loa sẽ "
            "đăng bài khi tới giờ mà không hỏi lại kênh."
        )
        self.app.push_screen(Confirm(question, "Chưa lên kênh (c)"), self._not_live)

    def _not_live(self, yes: bool | None) -> None:
        if not yes:
            return
        try:
            post = self.engine.confirm_not_live(self.post_id)
        except LoaError as exc:
            self.fail(exc)
            return
        self.notify(f"Đã ghi nhận bài số {self.post_id} chưa lên kênh.")
        self.show_post(post)

    def action_save_caption(self) -> None:
        editors = self.query(CaptionEditor)
        if editors:
            editors.first().save()

    @on(Button.Pressed)
    def _button(self, event: Button.Pressed) -> None:
        name = event.button.id or ""
        if name == "act-publish":
            self.action_publish()
        elif name == "live-yes":
            self.action_mark_live()
        elif name == "live-no":
            self.action_not_live()
        elif name.startswith("act-"):
            self.action_move(name[4:])
        elif name == "reschedule":
            self.reschedule()

    @on(Input.Submitted, "#when")
    def reschedule(self) -> None:
        try:
            post = self.engine.reschedule(self.post_id, self.query_one("#when", Input).value)
        except LoaError as exc:
            self.fail(exc)
            return
        tz = self.engine.calendar.tz
        self.notify(f"Đã dời sang {fmt_local(post.due_at, tz, with_zone=True)}.")
        self.show_post(post)

    @on(Select.Changed, "#content")
    def change_content(self, event: Select.Changed) -> None:
        if event.value == self.post.content_id or not isinstance(event.value, str):
            return
        try:
            post = self.engine.change_content(self.post_id, event.value)
        except LoaError as exc:
            self.fail(exc)
            return
        self.notify(f"Đã đổi nội dung sang {post.content_id}.")
        self.show_post(post)
        self.load_caption()
        self.load_preview()

    def on_caption_editor_save(self, message: CaptionEditor.Save) -> None:
        try:
            post = self.engine.edit_caption(self.post_id, message.values)
        except LoaError as exc:
            self.fail(exc)
            return
        self.notify("Đã lưu chú thích.")
        self.show_post(post)
        self.load_caption()
