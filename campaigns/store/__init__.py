"""The post store: the queue, the audit trail, and the moves between states."""

from campaigns.store.models import Post, Transition
from campaigns.store.posts import MoveResult, Store

__all__ = ["MoveResult", "Post", "Store", "Transition"]
