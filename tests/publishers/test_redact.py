"""Masking secrets in platform text (``publishers.redact``) and where publishers use it:
every ``PublishError``, and the credentials a failed request carried."""

from __future__ import annotations

import base64
import json
import random
import string
from urllib.parse import quote, quote_plus

import httpx
import pytest

from publishers import redact
from publishers.errors import AuthError, PublishError, RejectedError
from publishers.facebook import FacebookPublisher
from publishers.http import mask
from publishers.testing import MemorySecrets
from publishers.website import WebsitePublisher
from tests.publishers.conftest import make_request


def unshaped(prefix: str) -> str:
    """A secret no shape rule catches (letters and hyphens, no digits), new each time, so
    only knowing the value can mask it."""
    letters = "".join(random.choices(string.ascii_lowercase, k=12))
    return f"{prefix}-{letters}"


GRAPH = "EAAB" + "Zx9" * 40
B64 = base64.b64encode(bytes(range(40))).decode()
URLSAFE = "Jk3n0q_x9Lr2Vb7TfQeWm4Yc8UaZs1DpHg6KoNi5Rt"
HEX = "5f1c" * 10
APP_PASSWORD = "Ab3d eFgh 1jkl mNop qrst Uv9x"
BASIC = base64.b64encode(b"bientap:Ab3deFgh1jklmNopqrstUv9x").decode()


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        (f"(#190) Malformed access token {GRAPH}", GRAPH),
        (f"GET /me?access_token={URLSAFE}&fields=id", URLSAFE),
        ('{"refresh_token": "RTabcd0123", "app_id": "4"}', "RTabcd0123"),
        ("bad header secret_key: sk-Ward-7", "sk-Ward-7"),
        ("password=hunter2hunter2 rejected", "hunter2hunter2"),
        (f"Authorization: Bearer {URLSAFE}", URLSAFE),
        (f"Authorization: Basic {BASIC}", BASIC),
        (f"The provided password {APP_PASSWORD} is an invalid application password.", APP_PASSWORD),
        (f"cursor {B64} expired", B64),
        (f"token {URLSAFE}", URLSAFE),
        (f"signature {HEX}", HEX),
        (f"https://graph.example/v26.0/me?access_token={GRAPH}", GRAPH),
    ],
)
def test_anything_shaped_like_a_credential_is_masked_recognisably(text: str, secret: str) -> None:
    clean = redact.scrub(text)
    assert secret not in clean
    assert secret[:4] + "…" in clean  # the officer still recognises which one it was
    assert redact.scrub(clean) == clean  # layers may scrub again


@pytest.mark.parametrize(
    "text",
    [
        "Ngày Sức khỏe toàn dân 7/4: mỗi người dân chủ động rèn luyện, nâng cao sức khỏe.",
        "Zalo không nhận bài (mã -201): cover photo_url is invalid. Kiểm tra nội dung và ảnh bìa.",
        "https://www.facebook.com/100000000000001_1000001",
        "https://www.facebook.com/PhuongKienAn/posts/"
        "pfbid0dWtJ7nY3kCgu1DFYNFmXYr3hP6QTXyv2xjBpUJGSVVXjztqHU3HGMmu7RTBsjkB4l",
        "https://zalo.me/s/1000000000000000001/c4f4b4e1b3a45afa03b5",
        "http://127.0.0.1:8089/?p=123 và https://kienan.haiphong.gov.vn/ngay-suc-khoe-7-4/",
        "pfbid0dWtJ7nY3kCgu1DFYNFmXYr3hP6QTXyv2xjBpUJGSVVXjztqHU3HGMmu7RTBsjkB4l",
        "post 109876543210987_122134567890123456, article c4f4b4e1b3a45afa03b5",
        "#100 OAuthException: Invalid parameter (fbtrace_id AZWsN2z4dKX7vCu3vOmVU6M)",
        "(fbtrace_id: A4BN1r_I1lyaM5z-5kxQ7ZSabcdefgh1234)",
        "#SứcKhỏeToànDân #NQ72 #ChamSocSucKhoeNhanDan2026ToanDan",
        "slug ngay-suc-khoe-toan-dan-7-4-loa3fa9c0d1e2 is draft",
        "/var/lib/loa/covers/ngay-suc-khoe-toan-dan-2026-loa3fa9c0d1e2.png",
        "HTTP 401 incorrect_password: The provided password is an invalid application password.",
        "Basic authentication required; Bearer token missing",
        "thay nhau trao quan nhan dong",  # six four-letter words: no application password
        "access token: Session has expired on Sunday",
        "page_token: thiếu, refresh_token: có (biến môi trường), access_token: expired",
        "Loa đã thử refresh_token 3 lần",
    ],
)
def test_what_the_officer_needs_stays_readable(text: str) -> None:
    assert redact.scrub(text) == text


def test_a_known_secret_is_masked_in_its_common_encodings() -> None:
    secret = unshaped("ward/key") + "+x"
    redact.remember(secret)
    for form in (secret, quote(secret, safe=""), quote_plus(secret), secret.replace("/", "\\/")):
        clean = redact.scrub(f"echo: {form}.")
        assert form not in clean and "ward…" in clean, form


def test_an_application_password_is_known_with_and_without_its_spaces() -> None:
    bare = "".join(random.choices(string.ascii_letters, k=24))  # may have no digit
    spaced = " ".join(bare[i : i + 4] for i in range(0, 24, 4))
    redact.remember(bare)
    assert spaced not in redact.scrub(f"The provided password {spaced} is invalid")
    other = "".join(random.choices(string.ascii_letters, k=24))
    redact.remember(" ".join(other[i : i + 4] for i in range(0, 24, 4)))
    assert other not in redact.scrub(f"password {other}")


def test_the_oldest_known_secrets_are_forgotten_first(monkeypatch: pytest.MonkeyPatch) -> None:
    """A daemon rotating tokens for months keeps a bounded list (old tokens are dead)."""
    monkeypatch.setattr(redact, "MAX_KNOWN", 3)
    first, *rest = (unshaped("old") for _ in range(4))
    redact.remember(first, *rest)
    clean = redact.scrub(" ".join([first, *rest]))
    assert first in clean and not any(s in clean for s in rest)


def test_the_credentials_a_request_carried_become_known() -> None:
    password, token, refresh, key = (unshaped(p) for p in ("pw", "tok", "ref", "key"))
    request = httpx.Request(
        "POST",
        "https://oauth.example/v4/oa/access_token",
        params={"access_token": token},
        headers={
            "Authorization": "Basic " + base64.b64encode(f"bientap:{password}".encode()).decode(),
            "secret_key": key,
        },
        data={"refresh_token": refresh, "app_id": "4000000000000000004"},
    )
    redact.remember_sent(httpx.Response(400, request=request))
    clean = redact.scrub(f"echo {password} {token} {refresh} {key} app 4000000000000000004")
    assert all(s not in clean for s in (password, token, refresh, key)), clean
    assert "4000000000000000004" in clean  # not a secret: the app id stays


def test_every_publish_error_is_scrubbed() -> None:
    secret = unshaped("known")
    redact.remember(secret)
    exc = RejectedError(f"Facebook không nhận bài: {secret} {GRAPH}", detail=f"#100 {secret}")
    for text in (exc.message, exc.detail, str(exc), repr(exc)):
        assert secret not in text and GRAPH not in text
    assert isinstance(exc, PublishError) and exc.message.startswith("Facebook không nhận bài")


def _facebook(token: str, answer: httpx.Response) -> FacebookPublisher:
    return FacebookPublisher(
        "facebook",
        {"page_id": "123", "base_url": "https://graph.example"},
        MemorySecrets({"facebook": {"page_token": token}}),
        transport=httpx.MockTransport(lambda r: answer),
    )


def test_graph_quoting_a_token_of_any_shape_is_masked() -> None:
    """Not shaped like a token, and not in the engine's store (a plugin's own secrets):
    known only because the failed request carried it."""
    token = unshaped("page")
    body = {"error": {"message": f"Invalid parameter, token {token}", "code": 100}}
    with pytest.raises(RejectedError) as info:
        _facebook(token, httpx.Response(400, json=body)).publish(make_request())
    assert token not in info.value.message and token not in info.value.detail
    assert mask(token) in info.value.message


def _website(password: str, answer: httpx.Response) -> WebsitePublisher:
    return WebsitePublisher(
        "website",
        {"base_url": "https://phuong.example.vn", "username": "bientap"},
        MemorySecrets({"website": {"app_password": password}}),
        transport=httpx.MockTransport(lambda r: answer),
    )


@pytest.mark.parametrize("platform", ["facebook", "website"])
def test_a_long_answer_is_scrubbed_before_it_is_cut(platform: str) -> None:
    """A proxy's HTML page quoting the credential: cut at 200 characters, inside it."""
    secret = unshaped("cred")
    answer = httpx.Response(400, text="x" * 190 + " " + secret)
    publisher = _facebook(secret, answer) if platform == "facebook" else _website(secret, answer)
    with pytest.raises(RejectedError) as info:
        publisher.publish(make_request())
    assert secret[:9] not in info.value.detail + info.value.message


def test_wordpress_quoting_the_application_password_is_masked() -> None:
    password = unshaped("app")
    body = {
        "code": "incorrect_password",
        "message": f"The provided password {password} is an invalid application password.",
        "data": {"status": 401},
    }
    with pytest.raises(AuthError) as info:
        _website(password, httpx.Response(401, json=body)).check()
    assert password not in info.value.detail and mask(password) in info.value.detail
    assert password not in json.dumps([info.value.message, info.value.detail])
