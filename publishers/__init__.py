"""Pluggable publishers: Facebook Page, Zalo OA, a WordPress website, and an outbox folder.

This package never imports ``campaigns``; its input is a small value object.

    base        Publisher ABC, PublishRequest, Image, Receipt, Identity, Capabilities,
                and the Secrets / MediaHost protocols the engine implements
    errors      the error kinds the engine acts on (drawn in its docstring)
    settings    Setting / SecretField declarations and their validation
    registry    entry-point discovery (``loa.publishers``), lazy load, create
    channels    open_channels(specs, secrets) and deliver(publisher, request)
    http        the one httpx client per publisher, send(), mask()
    testing     MemorySecrets for tests (ours and plugins')
"""
