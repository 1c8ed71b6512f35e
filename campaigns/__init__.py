"""Loa's engine: the ward calendar, campaign content, planning, the post store and the CLI.

Dependency direction: ``tui -> campaigns -> publishers``. Nothing here imports Textual.
"""

__version__ = "0.1.0"
