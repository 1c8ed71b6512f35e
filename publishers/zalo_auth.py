"""Zalo OA access tokens: OAuth v4 refresh with single-use refresh tokens.

A refresh token works once, and Zalo burns it when the request arrives, even if its
answer never reaches us. So a refresh is a transaction on the channel's secrets, run
inside ``Secrets.update`` whose exclusive lock is held for the whole refresh:

1. re-read the pair: another process may have refreshed while we waited for the lock;
2. write a write-ahead marker (``refresh_state``: "a refresh with refresh token
   <fingerprint> started at T", never the token) through a nested ``update``, durably,
   *before* the request leaves;
3. on success return the new pair with the marker cleared: one atomic write.

The lock is held throughout, so a marker found under it belongs to no live refresh: an
earlier one was killed, timed out or lost its answer, and its refresh token may be
burnt. It is tried once: it still works if that request never arrived. The same probe
runs at once when our own answer is lost. If Zalo says "invalid refresh token", the
token is lost: ``RefreshTokenError`` says so and until when the access token in hand
still works. Tokens are refreshed ``REFRESH_BEFORE`` they expire, so that is hours
away: publishing goes on with it, the daemon warns the officer at once and pauses the
channel only when it stops working. A refusal is remembered in ``refresh_state`` and
not retried until the officer sets another refresh token, secret key or app id.

A new pair that cannot be written (disk full) is kept in memory and used; every later
call tries to write it again, and ``ensure`` returns a warning until it is written.
"""

from __future__ import annotations

import errno
import hashlib
import json
import logging
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import httpx

from publishers.base import Clock, Secrets
from publishers.errors import AuthError, ConfigurationError, PublishError, TransientError
from publishers.http import send
from publishers.zalo_errors import RefreshTokenError

log = logging.getLogger(__name__)

# The access token lives about 25 h and the daemon's token care runs every 10 minutes.
# Refreshing once less than 12 h remain means about two refreshes a day, and if one is
# ever lost, the access token in hand still publishes for about 12 more hours: a working
# day (or a night) for the officer to reconnect before any post is held back.
REFRESH_BEFORE = timedelta(hours=12)
MARGIN = timedelta(minutes=1)  # never start a call with a token about to expire
ACCESS, REFRESH, EXPIRES = "access_token", "refresh_token", "access_token_expires_at"
SECRET_KEY, STATE = "secret_key", "refresh_state"


def fingerprint(*values: str) -> str:
    """Enough to tell two secrets apart, never enough to use one."""
    return hashlib.sha256("\0".join(values).encode()).hexdigest()[:16]


@dataclass
class _Refusal:
    code: int
    detail: str


@dataclass
class _Attempt:
    """What one locked refresh leaves for its caller (local: publishers are shared by
    threads)."""

    error: PublishError | None = None
    pair: dict[str, str] | None = None  # the new pair, once Zalo gave one
    replaced: str = ""  # fingerprint of the refresh token the pair replaces
    marked: bool = False  # the write-ahead marker reached the disk
    unwritable: bool = False  # it did not: nothing was sent


class ZaloTokens:
    def __init__(
        self,
        channel: str,
        app_id: str,
        secrets: Secrets,
        client: httpx.Client,
        clock: Clock,
    ) -> None:
        self.channel = channel
        self.app_id = app_id
        self._secrets = secrets
        self._client = client
        self._clock = clock
        self._memory = threading.Lock()
        self._unsaved: dict[str, str] | None = None  # a new pair the disk refused
        self._unsaved_from = ""  # fingerprint of the refresh token it replaced
        self._disk_warning: str | None = None

    def expires_at(self) -> datetime | None:
        return _time(self._fields().get(EXPIRES))

    def access_token(self, *, rejected: str | None = None) -> str:
        """A usable access token for an API call, refreshed (the new pair stored first)
        when due. While the token in hand works, no refresh trouble stops publishing.
        ``rejected``: a token the API just refused (refresh unless already replaced)."""
        return self._obtain(rejected, strict=False)

    def ensure(self) -> str | None:
        """For the daemon's token care and ``check``: refresh when due, probe an
        interrupted refresh at once, and raise any refresh problem even while the access
        token works (``RefreshTokenError.still_works``). Returns a Vietnamese warning when
        the officer must act although everything works (the new pair is only in memory)."""
        self._obtain(None, strict=True)
        return self._disk_warning

    # -- the transaction ------------------------------------------------------------------
    def _obtain(self, stale: str | None, strict: bool) -> str:
        self._flush()
        fields = self._fields()
        if not self._must_lock(fields, stale, strict):
            return fields[ACCESS]
        attempt = _Attempt()
        try:
            fields = dict(
                self._secrets.update(
                    self.channel, lambda cur: self._transaction(self._overlay(cur), stale, attempt)
                )
            )
        except OSError as exc:
            self._write_failed(exc, attempt)
        else:
            if attempt.marked and self._unsaved is None:
                self._disk_warning = None
        fields = self._overlay(fields)
        token = fields.get(ACCESS, "")
        works = self._usable(token, stale, fields.get(EXPIRES))
        if attempt.error is not None and (not works or (strict and not attempt.unwritable)):
            raise attempt.error
        if not works:
            raise AuthError(
                f"Kênh Zalo '{self.channel}' không có mã truy cập dùng được: kết nối lại OA rồi "
                f"chạy 'loa channels set-token {self.channel}'.",
                channel=self.channel,
            )
        return token

    def _transaction(
        self, cur: Mapping[str, str], stale: str | None, attempt: _Attempt
    ) -> Mapping[str, str] | None:
        """Runs under the store's lock; returns what to store in one atomic write."""
        refresh, secret_key = cur.get(REFRESH), cur.get(SECRET_KEY)
        if not refresh or not secret_key:
            raise ConfigurationError(
                f"Kênh Zalo '{self.channel}' chưa có refresh_token hoặc secret_key: chạy "
                f"'loa channels set-token {self.channel}'.",
                channel=self.channel,
            )
        state = self._state(cur)
        if state is None and not self._must_refresh(cur, stale):
            return None  # another process refreshed while we waited for the lock
        if state is not None and "refused" in state:
            interrupted = bool(state.get("interrupted"))
            attempt.error = self._refused(cur, stale, int(state["code"]), interrupted, "recorded")
            return None
        interrupted = state is not None  # an earlier refresh with this token never finished
        mark = fingerprint(refresh)
        started = {"refresh": mark, "started": self._clock().isoformat()}
        self._secrets.update(self.channel, lambda _cur: {STATE: json.dumps(started)})
        attempt.marked = True
        outcome = self._ask(refresh, secret_key)
        if isinstance(outcome, TransientError) and outcome.maybe_live:
            log.warning("%s: a Zalo token refresh lost its answer; trying once more", self.channel)
            interrupted = True
            outcome = self._ask(refresh, secret_key)  # works if the request never arrived
        if isinstance(outcome, TransientError):
            attempt.error = TransientError(
                "Không làm mới được mã truy cập Zalo (mất kết nối tới máy chủ đăng nhập Zalo); "
                "Loa sẽ thử lại.",
                detail=outcome.detail,
                channel=self.channel,
            )
            return None if interrupted else {STATE: ""}  # unsent: nothing was burnt
        if isinstance(outcome, _Refusal):
            attempt.error = self._refused(cur, stale, outcome.code, interrupted, outcome.detail)
            refused = {
                "refresh": mark,
                "key": self._key(secret_key),
                "refused": self._clock().isoformat(),
                "code": outcome.code,
                "interrupted": interrupted,
            }
            return {STATE: json.dumps(refused)}
        attempt.pair, attempt.replaced = outcome, mark
        return {**outcome, STATE: ""}

    def _ask(self, refresh: str, secret_key: str) -> dict[str, str] | _Refusal | TransientError:
        """One refresh request: the new pair, Zalo's refusal, or why there is no answer."""
        try:
            response = send(
                self._client,
                "POST",
                "/v4/oa/access_token",
                channel=self.channel,
                headers={"secret_key": secret_key},
                data={
                    "refresh_token": refresh,
                    "app_id": self.app_id,
                    "grant_type": "refresh_token",
                },
            )
        except TransientError as exc:
            return exc
        body = _json(response)
        if response.status_code >= 500 or body is None:
            detail = f"OAuth HTTP {response.status_code}"
            return TransientError(detail=detail, channel=self.channel, maybe_live=True)
        code = _int(body.get("error"))
        if code:
            reason = body.get("error_description") or body.get("message") or ""
            return _Refusal(code, f"{code} {body.get('error_name', '')}: {reason}")
        if not body.get(ACCESS) or not body.get(REFRESH):
            return TransientError(detail="OAuth answer without tokens", maybe_live=True)
        lifetime = _int(body.get("expires_in"))
        expires = self._clock() + timedelta(seconds=lifetime if lifetime > 0 else 90_000)
        return {
            ACCESS: str(body[ACCESS]),
            REFRESH: str(body[REFRESH]),
            EXPIRES: expires.isoformat(),
        }

    def _refused(
        self, cur: Mapping[str, str], stale: str | None, code: int, interrupted: bool, detail: str
    ) -> RefreshTokenError:
        expires = _time(cur.get(EXPIRES))
        works = self._usable(cur.get(ACCESS), stale, cur.get(EXPIRES))
        return RefreshTokenError(
            self.channel,
            code=code,
            interrupted=interrupted,
            still_works=works,
            usable_until=expires if works else None,
            left=expires - self._clock() if works and expires is not None else None,
            detail=detail,
        )

    # -- a pair the disk refused ----------------------------------------------------------
    def _write_failed(self, exc: OSError, attempt: _Attempt) -> None:
        problem = "ổ đĩa đầy" if exc.errno == errno.ENOSPC else errno.errorcode.get(exc.errno or 0)
        where = f"Không ghi được tệp mã ({problem or 'lỗi ghi'})"
        if attempt.pair is not None:  # the old refresh token is burnt: this pair is the only one
            with self._memory:
                if self._unsaved is None:  # else the store still holds the one replaced first
                    self._unsaved_from = attempt.replaced
                self._unsaved = attempt.pair
            self._disk_warning = (
                f"{where}: mã Zalo mới của kênh '{self.channel}' chỉ nằm trong bộ nhớ của Loa. "
                "Hãy giải phóng dung lượng ổ đĩa ngay, Loa sẽ tự lưu lại; nếu Loa tắt trước "
                f"khi lưu được thì phải chạy 'loa channels set-token {self.channel}'."
            )
            log.error("%s: new Zalo token pair kept in memory only: %s", self.channel, exc)
        elif not attempt.marked:  # the marker could not be written: nothing was sent
            attempt.unwritable = True
            self._disk_warning = (
                f"{where}: Loa chưa làm mới mã Zalo của kênh '{self.channel}' vì mã mới sẽ không "
                "lưu được. Hãy giải phóng dung lượng ổ đĩa; mã hiện tại vẫn dùng được tới khi "
                "hết hạn."
            )
            attempt.error = TransientError(
                self._disk_warning, detail=f"{type(exc).__name__}: {exc}", channel=self.channel
            )
            log.error("%s: Zalo token not refreshed, secrets not writable: %s", self.channel, exc)

    def _flush(self) -> None:
        """Write again a pair only this process holds."""
        with self._memory:
            pair, replaced = self._unsaved, self._unsaved_from
        if pair is None:
            return

        def change(cur: Mapping[str, str]) -> Mapping[str, str] | None:
            if fingerprint(cur.get(REFRESH, "")) != replaced:
                return None  # the officer stored another refresh token meanwhile: it wins
            return {**pair, STATE: ""}

        try:
            self._secrets.update(self.channel, change)
        except OSError:
            return
        with self._memory:
            if self._unsaved is pair:
                self._unsaved, self._disk_warning = None, None
        log.warning("%s: the new Zalo token pair is stored at last", self.channel)

    def _overlay(self, fields: Mapping[str, str]) -> dict[str, str]:
        """``fields`` with the pair only this process holds on top."""
        merged = dict(fields)
        with self._memory:
            if self._unsaved is not None:
                if fingerprint(merged.get(REFRESH, "")) == self._unsaved_from:
                    merged.update(self._unsaved)
                else:  # another refresh token was stored meanwhile: it wins
                    self._unsaved, self._disk_warning = None, None
        return merged

    # -- reading the state ----------------------------------------------------------------
    def _fields(self) -> dict[str, str]:
        names = (ACCESS, REFRESH, EXPIRES, SECRET_KEY, STATE)
        found = {name: self._secrets.get(self.channel, name) for name in names}
        return self._overlay({k: v for k, v in found.items() if v})

    def _state(self, fields: Mapping[str, str]) -> dict[str, Any] | None:
        """What ``refresh_state`` records about the refresh token in ``fields``, if anything."""
        try:
            state = json.loads(fields.get(STATE) or "null")
        except ValueError:
            return None
        if not isinstance(state, dict):
            return None
        if state.get("refresh") != fingerprint(fields.get(REFRESH, "")):
            return None  # about a refresh token replaced since
        if "refused" in state and state.get("key") != self._key(fields.get(SECRET_KEY, "")):
            return None  # the app id or secret key changed since: worth another try
        return state

    def _key(self, secret_key: str) -> str:
        return fingerprint(self.app_id, secret_key)

    def _must_lock(self, fields: Mapping[str, str], stale: str | None, strict: bool) -> bool:
        state = self._state(fields)
        if state is not None and "started" in state:
            return True  # an interrupted refresh: find out now
        if state is not None:  # refused: only the error is left to give
            return strict or not self._usable(fields.get(ACCESS), stale, fields.get(EXPIRES))
        return self._must_refresh(fields, stale)

    def _must_refresh(self, fields: Mapping[str, str], stale: str | None) -> bool:
        expires = _time(fields.get(EXPIRES))
        due = expires is not None and expires - REFRESH_BEFORE <= self._clock()
        return due or not self._usable(fields.get(ACCESS), stale, fields.get(EXPIRES))

    def _usable(self, token: str | None, stale: str | None, expires: str | None) -> bool:
        if not token or token == stale:
            return False
        moment = _time(expires)
        return moment is None or moment - MARGIN > self._clock()  # unknown: the API will say


def _time(raw: str | None) -> datetime | None:
    try:
        return datetime.fromisoformat(raw) if raw else None
    except ValueError:
        return None


def _int(value: object) -> int:
    try:
        return int(str(value)) if value not in (None, "") else 0
    except ValueError:
        return -1


def _json(response: httpx.Response) -> dict[str, Any] | None:
    try:
        body = response.json()
    except ValueError:
        return None
    return body if isinstance(body, dict) else None
