"""What Zalo's ``article/create`` refuses, the fake refuses, and the publisher's own
``validate`` refuses first, in Vietnamese, before anything is sent."""

from __future__ import annotations

import copy
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from publishers.errors import RejectedError
from tests.fakes import FakeZalo
from tests.publishers.conftest import make_request, zalo_for

GOOD: dict[str, Any] = {
    "type": "normal",
    "title": "Ngày Sức khỏe toàn dân 7/4",
    "author": "Phường Kiến An",
    "cover": {
        "cover_type": "photo",
        "photo_url": "https://kienan.example.vn/a.png",
        "status": "show",
    },
    "description": "Mỗi người dân chủ động rèn luyện thân thể.",
    "body": [{"type": "text", "content": "<p>Nội dung</p>"}],
    "status": "show",
    "comment": "show",
}


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(article: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        target: Any = article
        for key in parents:
            target = target[int(key)] if isinstance(target, list) else target[key]
        if value is _DROP:
            del target[last]
        elif isinstance(target, list):
            target[int(last)] = value
        else:
            target[last] = value

    return change


_DROP = object()

DEFECTS = {
    "no title": _set("title", _DROP),
    "blank title": _set("title", "  "),
    "title of 151": _set("title", "x" * 151),
    "no author": _set("author", _DROP),
    "empty author": _set("author", ""),
    "author of 51": _set("author", "x" * 51),
    "no description": _set("description", _DROP),
    "empty description": _set("description", ""),
    "description of 301": _set("description", "x" * 301),
    "no cover": _set("cover", _DROP),
    "no photo_url": _set("cover.photo_url", _DROP),
    "photo_url not a URL": _set("cover.photo_url", "/tmp/a.png"),
    "no body": _set("body", _DROP),
    "empty body": _set("body", []),
    "body block not an object": _set("body.0", "<p>x</p>"),
    "body block of unknown type": _set("body.0", {"type": "html", "content": "<p>x</p>"}),
    "text block without content": _set("body.0", {"type": "text", "content": " "}),
    "image block without url": _set("body.0", {"type": "image"}),
    "wrong type": _set("type", "video"),
    "no type": _set("type", _DROP),
}


def create(fake: FakeZalo, article: dict[str, Any]) -> dict[str, Any]:
    access, _refresh = fake.issue_tokens()
    response = httpx.post(
        fake.url + "/v2.0/article/create", json=article, headers={"access_token": access}
    )
    assert response.status_code == 200  # Zalo's errors come as HTTP 200
    body: dict[str, Any] = response.json()
    return body


def test_the_fake_accepts_a_complete_article(zalo_fake: FakeZalo) -> None:
    answer = create(zalo_fake, GOOD)
    assert answer["error"] == 0 and answer["data"]["token"]


@pytest.mark.parametrize("defect", DEFECTS.values(), ids=DEFECTS.keys())
def test_the_fake_refuses_what_zalo_refuses(
    zalo_fake: FakeZalo, defect: Callable[[dict[str, Any]], None]
) -> None:
    article = copy.deepcopy(GOOD)
    defect(article)
    answer = create(zalo_fake, article)
    assert answer["error"] == -201 and answer["message"]


# Requests the engine could build that Zalo would refuse: (request fields, settings)
BAD_REQUESTS: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {
    "blank title": ({"title": "   "}, {}),
    "title of 151": ({"title": "x" * 151}, {}),
    "no author anywhere": ({"author": None}, {"author": ""}),
    "blank author": ({"author": "  "}, {"author": ""}),
    "author of 51": ({"author": "x" * 51}, {}),
    "empty description": ({"excerpt": "  "}, {}),
    "description of 301": ({"excerpt": "x" * 301}, {}),
    "empty body": ({"caption": "  \n ", "excerpt": "Mô tả"}, {}),
    "cover not a URL": ({"image": None, "image_url": "/srv/anh.png"}, {}),
    "empty cover URL": ({"image": None, "image_url": ""}, {}),
}


def is_vietnamese(text: str) -> bool:
    return unicodedata.is_normalized("NFC", text) and any(ord(c) > 127 for c in text)


@pytest.mark.parametrize("fields,settings", BAD_REQUESTS.values(), ids=BAD_REQUESTS.keys())
def test_validate_stops_what_zalo_would_refuse(
    zalo_fake: FakeZalo, tmp_path: Path, fields: dict[str, Any], settings: dict[str, Any]
) -> None:
    request = make_request(**fields)
    publisher = zalo_for(zalo_fake, tmp_path, **settings)
    problems = publisher.validate(request)
    assert problems and all(is_vietnamese(p) for p in problems)
    with pytest.raises(RejectedError) as info:
        publisher.publish(request)
    assert info.value.problems == tuple(problems)
    assert not any(r.path.endswith("/article/create") for r in zalo_fake.requests)


@pytest.mark.parametrize("fields,settings", BAD_REQUESTS.values(), ids=BAD_REQUESTS.keys())
def test_without_validate_zalo_would_refuse_it(
    zalo_fake: FakeZalo,
    tmp_path: Path,
    fields: dict[str, Any],
    settings: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each case above is a real refusal, not a rule of our own."""
    publisher = zalo_for(zalo_fake, tmp_path, **settings)
    monkeypatch.setattr(publisher, "validate", lambda request: [])
    with pytest.raises(RejectedError) as info:
        publisher.publish(make_request(**fields))
    assert info.value.detail.startswith("-201:")
    assert zalo_fake.articles == []


def test_author_names_the_setting_to_fill(zalo_fake: FakeZalo, tmp_path: Path) -> None:
    problems = zalo_for(zalo_fake, tmp_path, author="").validate(make_request())
    assert any("tác giả" in p and "zalo_author" in p for p in problems)
    assert zalo_for(zalo_fake, tmp_path, author="").validate(make_request(author="Phường")) == []
