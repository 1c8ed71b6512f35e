"""Read a propaganda plan (plain text, DOCX or PDF) into a draft campaign.

Pure functions over the plan's lines; every item found keeps the number of the source line
it starts on, so the officer can check it against the plan. Nothing is invented: an item the
importer is unsure of is kept aside with the reason (``doubt``) and written commented out.
"""
