"""Pluggable publishers: Facebook Page, Zalo OA, a WordPress website, and an outbox folder.

This package never imports ``campaigns``; its input is a small value object.
"""
