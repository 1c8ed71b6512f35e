"""Campaign content as data: slogans, fact cards, peaks and documents, each citing its seed."""

from campaigns.content.load import load_campaign, load_campaigns
from campaigns.content.model import Campaign, ContentItem, Fact, Pool, Slogan

__all__ = ["Campaign", "ContentItem", "Fact", "Pool", "Slogan", "load_campaign", "load_campaigns"]
