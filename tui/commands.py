"""The command palette's provider: Vietnamese commands found with or without diacritics
("hang doi" finds "Hàng đợi"), as officers often type on keyboards without Unikey."""

from __future__ import annotations

from textual.command import DiscoveryHit, Hit, Hits
from textual.system_commands import SystemCommandsProvider

from campaigns.text import fold


class LoaCommands(SystemCommandsProvider):
    async def discover(self) -> Hits:
        for name, help_text, callback, discover in self.app.get_system_commands(self.screen):
            if discover:
                yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        exact = self.matcher(query)
        folded = self.matcher(fold(query))
        for name, help_text, callback, *_ in self.app.get_system_commands(self.screen):
            score = max(exact.match(name), folded.match(fold(name)))
            if score > 0:
                yield Hit(score, exact.highlight(name), callback, help=help_text)
