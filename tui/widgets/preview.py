"""The image preview: sixel or kitty graphics where the terminal has them, half-cell blocks
otherwise (textual-image), or a plain message while rendering or when it cannot."""

from __future__ import annotations

import io
from typing import Literal

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Container
from textual.widgets import Static

ImageMode = Literal["auto", "halfcell", "off"]


class Preview(Container):
    def __init__(self, mode: ImageMode = "auto") -> None:
        super().__init__(id="preview")
        self.mode = mode

    def compose(self) -> ComposeResult:
        yield Static("Đang vẽ ảnh…", id="preview-note")

    async def message(self, text: str) -> None:
        await self.query("#preview-image").remove()
        self.query_one("#preview-note", Static).update(Text(text))

    async def show(self, data: bytes) -> None:
        """Show the image bytes (JPEG or PNG)."""
        from PIL import Image as PILImage

        picture = PILImage.open(io.BytesIO(data))
        picture.load()
        width, height = picture.size
        if self.mode == "off":
            await self.message(
                f"Ảnh {width}×{height} đã vẽ xong (xem trước đang tắt; phím o: xem cỡ thật)."
            )
            return

        from textual_image import widget as images

        factory = images.HalfcellImage if self.mode == "halfcell" else images.Image
        await self.query("#preview-image").remove()
        self.query_one("#preview-note", Static).update(f"o: xem ảnh {width}×{height}")
        await self.mount(factory(picture, id="preview-image"))
