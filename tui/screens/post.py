"""Bài đăng: one post, its image and caption, its time, its moves and its history.

Every read and write of the database runs in a worker: ``load`` reads the post and its
history, ``write`` makes one change and then reads them again; the UI thread only shows.
"""

from __future__ import annotations

from collections.abc import Callable
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
from textual.worker import get_current_worker

from campaigns.errors import LoaError, UserError
from campaigns.store import Post, Transition
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
from tui import viewer
from tui.engine import CaptionView, Engine
from tui.screens.advice import advice
from tui.screens.base import LoaScreen
from tui.screens.confirm import AskText, Choice, Confirm, ConfirmReason
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
        Binding("o", "view_image", "xem ảnh lớn"),
    ]
    RULES: ClassVar[dict[str, Move]] = {
        "approve": APPROVE, "to_draft": TO_DRAFT, "cancel": CANCEL, "retry": RETRY,
        "restore": RESTORE,
    }  # fmt: skip

    def __init__(self, engine: Engine, post_id: int, image_mode: ImageMode = "auto") -> None:
        super().__init__(engine)
        self.post_id = post_id
        self.image_mode = image_mode
        self.post: Post | None = None  # read by the first ``load``
        self.image: bytes | None = None  # the card as last drawn
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
            with Horizontal(classes="row", id="content-row"):
                yield Static("Nội dung thẻ:", classes="row-label")  # its Select: once read
            with Horizontal(classes="row"):
                yield Static("Dời lịch:", classes="row-label")
                yield Input(id="when", compact=True)
                yield Button("Dời", id="reschedule", compact=True)
                yield Static(f"giờ {self.engine.tz_name}", id="zone", classes="dim")
            yield Static("Lịch sử", classes="section")
            yield DataTable(id="history", cursor_type="row", show_cursor=False)

    def _choices(self, post: Post) -> list[tuple[str, str]]:
        out = []
        for cid, kind, text in self.engine.content_choices(post):
            out.append((clip(f"{kind_label(kind)} · {cid} · {text}", 70), cid))
        if not any(v == post.content_id for _, v in out):
            out.insert(0, (clip(f"{post.content_id} · {post.text}", 70), post.content_id))
        return out

    def on_mount(self) -> None:
        table = self.query_one("#history", DataTable)
        table.add_columns("Lúc", "Từ", "Sang", "Ai", "Lý do")
        for button in self.query("#actions Button").results(Button):
            button.disabled = True  # until the post is read
        self.load()

    def on_resize(self) -> None:
        self.set_class(self.size.height >= 32, "-tall")  # room for a bigger card

    def reload(self) -> None:
        self.load()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return True if action == "back" or self.post is not None else None

    # -- reading and writing (workers) --------------------------------------------------

    def _read(self) -> tuple[Post, list[Transition]]:
        return self.engine.post(self.post_id), self.engine.history(self.post_id)

    @work(thread=True, exclusive=True, group="post-read", exit_on_error=False)
    def load(self) -> None:
        try:
            post, history = self._read()
        except LoaError as exc:
            self.app.call_from_thread(self.fail, exc)
            return
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._loaded, post, history, None)

    @work(thread=True, group="post-write", exit_on_error=False)
    def write(self, job: Callable[[], str], then: Callable[[], object] | None = None) -> None:
        """Make one change (``job`` returns what to tell the officer), then show the post
        as it now is; ``then`` runs after a success (draw the card again, close)."""
        try:
            said = job()
        except LoaError as exc:
            self.app.call_from_thread(self.fail, exc)
            said, then = "", None
        try:
            post, history = self._read()
        except LoaError as exc:
            self.app.call_from_thread(self.fail, exc)
            return
        self.app.call_from_thread(self._loaded, post, history, said)
        if then is not None:
            self.app.call_from_thread(then)

    def _loaded(self, post: Post, history: list[Transition], said: str | None) -> None:
        before = self.post
        first = before is None
        self.show_post(post, history)
        if before is not None and EDIT.allows(before.status) != EDIT.allows(post.status):
            self.load_caption(post)  # published, cancelled…: the caption is read-only now
        if said:
            self.notify(said)
        if first:
            self.query_one("#content-row").mount(
                Select(self._choices(post), value=post.content_id, allow_blank=False,
                       id="content", compact=True)
            )  # fmt: skip
            self.refresh_bindings()
            self.load_caption(post)
            self.load_preview(post)

    def _redraw(self) -> None:
        """The card or caption changed: draw them again."""
        if self.post is not None:
            self.load_caption(self.post)
            self.load_preview(self.post)

    def show_post(self, post: Post, history: list[Transition]) -> None:
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
        if post.url:  # a long link (file://…) folds onto the next lines rather than being cut
            text = Text.assemble("✔ Đã đăng: ", (post.url, Style(link=post.url, bold=True)))
            text.overflow = "fold"
            link.update(text)
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
        for t in history:
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
    def load_caption(self, post: Post) -> None:
        try:
            view = self.engine.caption(post)
        except LoaError as exc:
            self.app.call_from_thread(self._caption_note, exc.message)
            return
        self.app.call_from_thread(self.call_later, self._caption_ready, view, post)

    def _caption_note(self, text: str) -> None:
        self.query_one("#caption-note", Static).update(Text(text))

    async def _caption_ready(self, view: CaptionView, post: Post) -> None:
        box = self.query_one("#caption-box", Vertical)
        await box.remove_children()
        read_only = not EDIT.allows(post.status)
        check = partial(self.engine.caption_problems, view)
        await box.mount(CaptionEditor(view, check, read_only=read_only))

    @work(thread=True, exclusive=True, group="preview")
    def load_preview(self, post: Post) -> None:
        try:
            data = self.engine.preview(post)
        except LoaError as exc:
            self.app.call_from_thread(self.call_later, self.query_one(Preview).message, exc.message)
            return
        self.image = data
        self.app.call_from_thread(self.call_later, self.query_one(Preview).show, data)

    @work(thread=True, exclusive=True, group="view", exit_on_error=False)
    def view_image(self, post: Post) -> None:
        """The card at full size in the system's viewer; where the file is when none."""
        try:
            data = self.image or self.engine.preview(post)
            path = viewer.save(self.post_id, data)
        except (LoaError, OSError) as exc:
            self.app.call_from_thread(self.fail, exc)
            return
        if viewer.open_file(path):
            said = f"Đã mở ảnh bài số {self.post_id} ở cỡ thật (tệp {path})."
        else:
            said = f"Không thấy trình xem ảnh trên máy này; ảnh bài số {self.post_id} ở: {path}"
        self.app.call_from_thread(self.notify, said, timeout=12)

    def publish(self) -> None:
        def job() -> str:
            post = self.engine.publish_now(self.post_id)
            return f"Đã đăng: {post.url}" if post.url else "Đã đăng."

        self.write(job)

    # -- actions -----------------------------------------------------------------------

    def _editor(self) -> CaptionEditor | None:
        editors = self.query(CaptionEditor)
        return editors.first() if editors else None

    def action_back(self) -> None:
        editor = self._editor()
        if editor is None or editor.read_only or not editor.changed():
            self.dismiss(None)
            return
        question = f"Chú thích bài số {self.post_id} đã sửa nhưng chưa lưu. Lưu trước khi rời?"
        answers = [("save", "Lưu (l)", "l"), ("discard", "Bỏ thay đổi (b)", "b"),
                   ("stay", "Ở lại (o)", "o")]  # fmt: skip
        self.app.push_screen(Choice(question, answers), self._leave)

    def _leave(self, answer: str | None) -> None:
        if answer == "discard":
            self.dismiss(None)
        elif answer == "save":
            self._save_caption(then=lambda: self.dismiss(None))

    def action_move(self, name: str) -> None:
        post = self.post
        if post is None:
            return
        if name == "approve" and post.status in (Status.FAILED, Status.MISSED):
            # approving is for drafts; a failed or missed post goes back to the queue by "r"
            self.notify(
                f"Bài số {self.post_id} đang ở trạng thái '{label(post.status)}': sửa chú "
                "thích hoặc dời lịch nếu cần, rồi nhấn 'Đăng lại' (r) để đưa bài về hàng đợi.",
                severity="warning", timeout=10,
            )  # fmt: skip
            return
        if name == "cancel":
            tz = self.engine.calendar.tz
            question = (
                f"Hủy bài số {self.post_id} · {post.channel} · "
                f"{fmt_local(post.due_at, tz, with_zone=True)}\n«{clip(post.text, 70)}»\n"
                "Bài đã hủy sẽ không được đăng (khôi phục về nháp được bằng phím u). "
                "Lý do sẽ ghi vào lịch sử của bài."
            )
            self.app.push_screen(ConfirmReason(question, "Hủy bài (c)"), self._cancel_answer)
            return
        self._move(name)

    def _cancel_answer(self, reason: str | None) -> None:
        if reason is not None:
            self._move("cancel", reason)

    def _move(self, name: str, reason: str = "") -> None:
        rule = self.RULES[name]

        def job() -> str:
            result = self.engine.move([self.post_id], rule, reason)
            if not result.changed:
                raise UserError(" ".join(result.problems(rule)))
            return f"Đã {rule.label} bài số {self.post_id}."

        self.write(job)

    def action_publish(self) -> None:
        post = self.post
        if post is None:
            return
        if not PUBLISH_NOW.allows(post.status):
            reason = (
                f"Bài số {self.post_id} chưa được duyệt; hãy duyệt (a) trước khi đăng."
                if post.status == Status.DRAFT
                else refusal(self.post_id, post.status, PUBLISH_NOW)
            )
            self.notify(reason, severity="warning")
            return
        question = (
            f"Đăng bài số {self.post_id} lên kênh {post.channel} ngay bây giờ, "
            "không chờ đến giờ đã hẹn?"
        )
        self.app.push_screen(Confirm(question, "Đăng ngay (c)"), self._publish_answer)

    def _publish_answer(self, yes: bool | None) -> None:
        if yes:
            self.notify("Đang đăng…")
            self.publish()

    def action_mark_live(self) -> None:
        post = self.post
        if post is None or not (post.maybe_live and MARK_LIVE.allows(post.status)):
            return
        question = (
            f"Bài số {self.post_id} đã lên kênh {post.channel}? Dán địa chỉ của bài trên "
            "kênh; Loa sẽ ghi là đã đăng và không đăng lại."
        )
        self.app.push_screen(AskText(question, "https://…", "Ghi là đã đăng"), self._live_link)

    def _live_link(self, link: str | None) -> None:
        if not link:
            return

        def job() -> str:
            self.engine.mark_live(self.post_id, link)
            return f"Đã ghi nhận bài số {self.post_id} đã đăng."

        self.write(job)

    def action_not_live(self) -> None:
        post = self.post
        if post is None or not (post.maybe_live and CONFIRM_NOT_LIVE.allows(post.status)):
            return
        question = (
            f"Đã xem trên kênh {post.channel} và bài số {self.post_id} chưa lên? Loa sẽ "
            "đăng bài khi tới giờ mà không hỏi lại kênh."
        )
        self.app.push_screen(Confirm(question, "Chưa lên kênh (c)"), self._not_live)

    def _not_live(self, yes: bool | None) -> None:
        if not yes:
            return

        def job() -> str:
            self.engine.confirm_not_live(self.post_id)
            return f"Đã ghi nhận bài số {self.post_id} chưa lên kênh."

        self.write(job)

    def action_save_caption(self) -> None:
        editor = self._editor()
        if editor is not None:
            editor.save()

    def action_view_image(self) -> None:
        if self.post is not None:
            self.notify("Đang mở ảnh…", timeout=3)
            self.view_image(self.post)

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
        text = self.query_one("#when", Input).value
        tz = self.engine.calendar.tz

        def job() -> str:
            post = self.engine.reschedule(self.post_id, text)
            return f"Đã dời sang {fmt_local(post.due_at, tz, with_zone=True)}."

        self.write(job)

    @on(Select.Changed, "#content")
    def change_content(self, event: Select.Changed) -> None:
        post = self.post
        if post is None or event.value == post.content_id or not isinstance(event.value, str):
            return
        content_id = event.value

        def job() -> str:
            changed = self.engine.change_content(self.post_id, content_id)
            return f"Đã đổi nội dung sang {changed.content_id}."

        self.write(job, then=self._redraw)

    def on_caption_editor_save(self, message: CaptionEditor.Save) -> None:
        self._write_caption(message.values, then=self._redraw)

    def _write_caption(self, values: dict[str, str | None], then: Callable[[], object]) -> None:
        def job() -> str:
            self.engine.edit_caption(self.post_id, values)
            return "Đã lưu chú thích."

        self.write(job, then=then)

    def _save_caption(self, then: Callable[[], object]) -> None:
        """Save the caption being edited, then ``then`` (leave); stay when it has errors."""
        editor = self._editor()
        if editor is None:
            return
        if editor.recheck():
            self.notify("Chưa lưu: chú thích còn lỗi (xem dòng đỏ).", severity="error", timeout=8)
            return
        self._write_caption(editor.changed(), then=then)
