"""The dry-run preview (``loa preview``): images, captions, contact sheets, index.html."""

from campaigns.preview.build import Summary, build_preview

__all__ = ["Summary", "build_preview"]
