"""Turn a ward calendar into the posts it asks for (pure: no database here)."""

from campaigns.planning.planner import DesiredPost, desired_posts
from campaigns.planning.slots import Slot, expand_slots

__all__ = ["DesiredPost", "Slot", "desired_posts", "expand_slots"]
