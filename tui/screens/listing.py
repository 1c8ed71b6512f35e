"""Screens that list posts in a PostTable share the bulk moves and opening a post."""

from __future__ import annotations

from typing import ClassVar

from textual import work
from textual.binding import Binding, BindingType

from campaigns.errors import LoaError
from campaigns.store import MoveResult, Post
from campaigns.store.lifecycle import APPROVE, CANCEL, TO_DRAFT, Move
from tui.screens.base import LoaScreen
from tui.screens.confirm import ConfirmReason
from tui.widgets.posts import PostTable
from tui.widgets.preview import ImageMode


class ListingScreen(LoaScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "move('approve')", "duyệt"),
        Binding("d", "move('to_draft')", "về nháp"),
        Binding("x", "move('cancel')", "hủy"),
    ]
    RULES: ClassVar[dict[str, Move]] = {"approve": APPROVE, "to_draft": TO_DRAFT, "cancel": CANCEL}

    @property
    def table(self) -> PostTable:
        return self.query_one(PostTable)

    def fetch(self) -> list[Post]:
        """The posts to show (runs in a worker thread)."""
        return []

    def reload(self) -> None:
        self.run_worker(self._load, thread=True, exclusive=True, group="list")

    def _load(self) -> None:
        try:
            posts = self.fetch()
        except Exception as exc:
            self.app.call_from_thread(self.fail, exc)
            return
        self.app.call_from_thread(self.shown, posts)

    def shown(self, posts: list[Post]) -> None:
        self.table.show(posts)

    def action_move(self, name: str) -> None:
        ids = self.table.chosen()
        if not ids:
            self.notify("Chưa chọn bài nào.")
            return
        if name == "cancel":
            question = (
                f"Hủy {len(ids)} bài? Bài đã hủy sẽ không được đăng (khôi phục về nháp được "
                "bằng phím u trên màn hình bài). Lý do sẽ ghi vào lịch sử của từng bài."
            )

            def answer(reason: str | None) -> None:
                if reason is not None:
                    self._move(name, ids, reason)

            self.app.push_screen(ConfirmReason(question, "Hủy bài (c)"), answer)
            return
        self._move(name, ids)

    @work(thread=True, exclusive=True, group="move")
    def _move(self, name: str, ids: list[int], reason: str = "") -> None:
        """Bulk moves can touch thousands of rows: off the UI thread."""
        rule = self.RULES[name]
        try:
            result = self.engine.move(ids, rule, reason)
        except LoaError as exc:
            self.app.call_from_thread(self.fail, exc)
            return
        self.app.call_from_thread(self._moved, rule, result)

    def _moved(self, rule: Move, result: MoveResult) -> None:
        if result.changed:
            self.notify(f"Đã {rule.label} {len(result.changed)} bài.")
        problems = result.problems(rule)
        if problems:
            more = f" (và {len(problems) - 3} bài khác)" if len(problems) > 3 else ""
            self.notify("\n".join(problems[:3]) + more, severity="warning", timeout=8)
        self.table.marked.clear()
        self.reload()

    def on_post_table_open(self, message: PostTable.Open) -> None:
        from tui.screens.post import PostScreen

        mode: ImageMode = getattr(self.app, "image_mode", "auto")
        self.app.push_screen(PostScreen(self.engine, message.post_id, mode), self._back)

    def _back(self, _: None) -> None:
        self.reload()
