"""Secrets out of every text that comes from outside Loa (platform answers, exceptions).

    scrub(text)            every known secret, and anything shaped like one, masked
    remember(*values)      make secrets known to ``scrub`` (process-wide)
    remember_sent(resp)    the credentials the request behind an httpx response carried
    excerpt(text, limit)   a scrubbed excerpt of a body (scrubbed before it is cut, so a
                           secret cut in half is still caught)

A mask keeps a secret recognisable, never usable (``EAAB…x9f``, ``publishers.http.mask``).
A known value is masked in its common encodings too: with and without the spaces of
an application password, URL-encoded, JSON-escaped (``remember_sent`` adds the base64
of ``user:password`` an HTTP Basic header carried). Shapes masked whatever their
source: a labelled value (``access_token=…``, ``"refresh_token": "…"``,
``secret_key: …``, ``password=…``), ``Bearer …``, ``Basic …``, Graph tokens ``EAA…``,
application passwords ``xxxx xxxx xxxx xxxx xxxx xxxx``, and long base64/hex/URL-safe
runs mixing letters and digits. Left readable: Vietnamese text, URLs (but for a
labelled query parameter), post ids, fbtrace ids and hashtags. ``scrub`` is
idempotent, so layers may repeat it.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import json
import re
import threading
from collections.abc import Iterable
from urllib.parse import parse_qsl, quote, quote_plus

import httpx

from publishers.http import mask

MIN_SECRET = 6  # shorter values would mask ordinary words; shapes and labels still apply
MAX_KNOWN = 512  # values kept (oldest forgotten first): rotated tokens accumulate
SECRET_HEADERS = ("authorization", "proxy-authorization", "access_token", "secret_key")

_NAMES = (
    r"access[_-]?token|refresh[_-]?token|page[_-]?token|user[_-]?token|id[_-]?token"
    r"|secret[_-]?key|client[_-]?secret|app(?:lication)?[_-]?password|password|passwd"
    r"|api[_-]?key"
)
_SECRET_NAME = re.compile(rf"(?i)^(?:{_NAMES})$")
# ``access_token=…``, ``"secret_key": "…"``, ``password: …`` (not ``incorrect_password``)
_LABELLED = re.compile(
    rf"(?i)(?<![A-Za-z0-9_])((?:{_NAMES})(?![A-Za-z0-9_])[\"']?\s*[:=]\s*[\"']?)"
    r"([A-Za-z0-9._~+/=%\-]+)"
)
_SCHEME = re.compile(r"(?i)(?<![A-Za-z0-9_])(bearer|basic)(\s+)([A-Za-z0-9._~+/\-]+=*)")
_GRAPH = re.compile(r"(?<![A-Za-z0-9])EAA[A-Za-z0-9]{20,}")
_APP_PASSWORD = re.compile(r"(?<![A-Za-z0-9])[A-Za-z0-9]{4}(?: [A-Za-z0-9]{4}){5}(?![A-Za-z0-9])")
_RUN = re.compile(r"(?<![A-Za-z0-9+/_\-#@%])[A-Za-z0-9+/_\-]{24,}=*")
_URL = re.compile(r"(?i)\b[a-z][a-z0-9+.\-]*://[^\s\"'<>]+")
_FBTRACE = re.compile(r"(?i)fbtrace_id\W{0,3}$")

_lock = threading.Lock()
_known: dict[str, None] = {}  # insertion-ordered: the oldest is forgotten first
_variants: tuple[str, ...] = ()  # every encoding of every known value, longest first


def remember(*values: str | None) -> None:
    """Make these secrets known to ``scrub`` in this process (shorter ones are ignored)."""
    global _variants
    fresh = [v for v in values if v and len(v) >= MIN_SECRET]
    if not fresh:
        return
    with _lock:
        changed = False
        for value in fresh:
            if value not in _known:
                _known[value] = None
                changed = True
        if not changed:
            return
        while len(_known) > MAX_KNOWN:
            del _known[next(iter(_known))]
        found = {v for value in _known for v in _encodings(value)}
        _variants = tuple(sorted(found, key=len, reverse=True))


def remember_sent(response: httpx.Response) -> None:
    """The credentials the request behind ``response`` carried: its Authorization header
    (Bearer token; Basic login), token headers, and secret-named query or form fields."""
    try:
        request = response.request
    except RuntimeError:  # a response built by hand, without its request
        return
    for name in SECRET_HEADERS:
        value = request.headers.get(name)
        if value:
            _remember_header(value)
    pairs = list(request.url.params.multi_items())
    if "x-www-form-urlencoded" in request.headers.get("content-type", ""):
        with contextlib.suppress(httpx.RequestNotRead):
            pairs += parse_qsl(request.content.decode(errors="replace"))
    remember(*(value for key, value in pairs if _SECRET_NAME.match(key)))


def _remember_header(value: str) -> None:
    scheme, _, credential = value.strip().partition(" ")
    if scheme.lower() == "basic" and credential:
        remember(credential)
        try:
            login = base64.b64decode(credential, validate=True).decode()
        except (binascii.Error, UnicodeDecodeError):
            return
        remember(login.partition(":")[2])
    elif scheme.lower() == "bearer" and credential:
        remember(credential.strip())
    else:
        remember(value.strip())


def _encodings(value: str) -> Iterable[str]:
    """``value`` as a platform may quote it back."""
    forms = {value, quote(value, safe=""), quote_plus(value), json.dumps(value)[1:-1]}
    forms.add(value.replace("/", "\\/"))  # PHP's json_encode (WordPress) escapes slashes
    bare = re.sub(r"\s+", "", value)
    if bare != value:  # an application password shown with its spaces
        forms |= {bare, quote(bare, safe="")}
    elif re.fullmatch(r"[A-Za-z0-9]{24}", value):  # one stored without them
        forms.add(" ".join(value[i : i + 4] for i in range(0, 24, 4)))
    return (f for f in forms if len(f) >= MIN_SECRET)


# -- masking -----------------------------------------------------------------------------------
def scrub(text: str) -> str:
    """``text`` with every secret masked (see the module docstring)."""
    if not text:
        return text
    for variant in _variants:
        if variant in text:
            text = text.replace(variant, mask(variant))
    out, last = [], 0
    for url in _URL.finditer(text):  # a URL keeps its path; only labelled parameters go
        out.append(_shapes(text[last : url.start()]))
        out.append(_LABELLED.sub(_labelled, url.group()))
        last = url.end()
    out.append(_shapes(text[last:]))
    return "".join(out)


def excerpt(text: str, limit: int = 200) -> str:
    return scrub(text)[:limit]


def _shapes(text: str) -> str:
    text = _APP_PASSWORD.sub(_app_password, text)
    text = _LABELLED.sub(_labelled, text)
    text = _SCHEME.sub(_scheme, text)
    text = _GRAPH.sub(lambda m: mask(m.group()), text)
    return _RUN.sub(_run, text)


def _masked_already(match: re.Match[str], group: int = 0) -> bool:
    return match.string[match.end(group) : match.end(group) + 1] == "…"


def _app_password(match: re.Match[str]) -> str:
    value = match.group()
    groups = value.split(" ")
    # generated ones mix cases and digits; six four-letter lower-case words do not
    if any(c.isdigit() for c in value) or any(c.isupper() for g in groups for c in g[1:]):
        return mask(value)
    return value


def _labelled(match: re.Match[str]) -> str:
    value = match.group(2)
    if _masked_already(match, 2) or not _secretish(value):
        return match.group()
    return match.group(1) + mask(value)


def _secretish(value: str) -> bool:
    """Not a word: "page_token: thiếu", "Bearer token" are prose."""
    return len(value) >= 16 or any(c.isdigit() for c in value)


def _scheme(match: re.Match[str]) -> str:
    value = match.group(3)
    if _masked_already(match, 3):
        return match.group()
    if match.group(1).lower() == "basic":
        try:
            secretish = ":" in base64.b64decode(value, validate=True).decode()
        except (binascii.Error, UnicodeDecodeError):
            secretish = False
    else:
        secretish = _secretish(value)
    return match.group(1) + match.group(2) + mask(value) if secretish else match.group()


def _run(match: re.Match[str]) -> str:
    value = match.group()
    core = value.rstrip("=")
    before = match.string[max(0, match.start() - 16) : match.start()]
    if _FBTRACE.search(before):
        return value
    if core.startswith("pfbid") or not any(c.isdigit() for c in core):
        return value  # pfbid…: a post's public id, not a credential
    if not any(c.isalpha() for c in core):
        return value  # a numeric id ("<page>_<post>")
    separators = sum(c in "+/_-" for c in core)
    if separators * 8 >= len(core):
        return value  # words and paths (slugs, file names), not a random run
    return mask(value)
