"""Zalo OA access tokens: OAuth v4 refresh with single-use refresh tokens.

A refresh token works once. So the refresh runs inside ``Secrets.update``: under the
store's exclusive lock, re-read the pair (another process may have refreshed already),
call the OAuth host only if the access token is still stale, and return the new pair
so the store writes it durably *before* anyone uses it. A crash after the platform
answered but before the write is the only window, and it is as short as a file rename.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

import httpx

from publishers.base import Clock, Secrets
from publishers.errors import AuthError, ConfigurationError, TransientError
from publishers.http import send

EARLY = timedelta(minutes=10)  # refresh this long before the stated expiry
ACCESS = "access_token"
REFRESH = "refresh_token"
EXPIRES = "access_token_expires_at"


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

    def expires_at(self) -> datetime | None:
        raw = self._secrets.get(self.channel, EXPIRES)
        return datetime.fromisoformat(raw) if raw else None

    def access_token(self, *, rejected: str | None = None) -> str:
        """A usable access token, refreshing (and persisting the new pair) when needed.

        ``rejected`` is a token the API just refused: refresh unless another process
        has already replaced it.
        """
        token = self._secrets.get(self.channel, ACCESS)
        if token and token != rejected and self._fresh(self._secrets.get(self.channel, EXPIRES)):
            return token
        fields = self._secrets.update(self.channel, lambda cur: self._refresh(cur, rejected))
        return fields[ACCESS]

    def _fresh(self, expires: str | None) -> bool:
        if not expires:
            return True  # unknown expiry: use it, the API will say if it is stale
        return datetime.fromisoformat(expires) - EARLY > self._clock()

    def _refresh(self, current: Mapping[str, str], stale: str | None) -> Mapping[str, str] | None:
        token = current.get(ACCESS)
        if token and token != stale and self._fresh(current.get(EXPIRES)):
            return None  # another process refreshed while we waited for the lock
        refresh = current.get(REFRESH)
        secret_key = current.get("secret_key")
        if not refresh or not secret_key:
            raise ConfigurationError(
                f"Kênh Zalo '{self.channel}' chưa có refresh_token hoặc secret_key: chạy "
                f"'loa channels set-token {self.channel}'.",
                channel=self.channel,
            )
        response = send(
            self._client,
            "POST",
            "/v4/oa/access_token",
            channel=self.channel,
            headers={"secret_key": secret_key},
            data={"refresh_token": refresh, "app_id": self.app_id, "grant_type": "refresh_token"},
        )
        if response.status_code >= 500:
            raise TransientError(detail=f"OAuth HTTP {response.status_code}", channel=self.channel)
        body = _json(response)
        if body.get("error") or not body.get(ACCESS) or not body.get(REFRESH):
            raise AuthError(
                "Zalo không cấp lại mã truy cập (refresh token đã dùng, hết hạn hoặc sai "
                f"secret_key): kết nối lại OA rồi chạy 'loa channels set-token {self.channel}'.",
                detail=f"{body.get('error')} {body.get('error_name', '')}: "
                f"{body.get('error_description', body.get('message', ''))}",
                channel=self.channel,
            )
        lifetime = int(body.get("expires_in") or 90_000)
        expires = self._clock() + timedelta(seconds=lifetime)
        return {
            ACCESS: str(body[ACCESS]),
            REFRESH: str(body[REFRESH]),
            EXPIRES: expires.isoformat(),
        }


def _json(response: httpx.Response) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        return {"error": -1, "message": f"HTTP {response.status_code}, not JSON"}
    return body if isinstance(body, dict) else {"error": -1}
