"""An in-memory WordPress REST API for ``httpx.MockTransport``: the routes the website
publisher uses, answering as WordPress does (see README.md), with faults by route.

    wp = MemoryWordPress()
    publisher = WebsitePublisher(..., transport=httpx.MockTransport(wp))
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

import httpx

_POST = re.compile(r"^/wp-json/wp/v2/posts/(\d+)$")


@dataclass
class MemoryWordPress:
    base_url: str = "https://phuong.example.vn"
    posts: list[dict[str, Any]] = field(default_factory=list)
    media: list[dict[str, Any]] = field(default_factory=list)
    requests: list[httpx.Request] = field(default_factory=list)
    # (method, path) -> statuses to answer, in order, instead of doing the work
    faults: dict[tuple[str, str], list[int]] = field(default_factory=dict)
    _next_id: int = 100

    def fail(self, method: str, path: str, status: int = 503, times: int = 1) -> None:
        self.faults.setdefault((method, path), []).extend([status] * times)

    def uploads(self) -> list[httpx.Request]:
        return [r for r in self.requests if r.method == "POST" and r.url.path.endswith("/media")]

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        method, path, query = request.method, request.url.path, request.url.params
        queued = self.faults.get((method, path))
        if queued:
            status = queued.pop(0)
            return httpx.Response(status, json={"code": "fault", "data": {"status": status}})
        if path == "/wp-json/wp/v2/posts" and method == "GET":
            slugs = set(query.get("slug", "").split(","))
            return httpx.Response(200, json=[p for p in self.posts if p["slug"] in slugs])
        if path == "/wp-json/wp/v2/posts" and method == "POST":
            body = json.loads(request.content)
            post = {"id": self._id(), "featured_media": 0, "content": "", **body}
            self.posts.append(post)
            return httpx.Response(201, json=post)
        if (m := _POST.match(path)) and method == "POST":
            post = next(p for p in self.posts if p["id"] == int(m.group(1)))
            post.update(json.loads(request.content))
            post["link"] = f"{self.base_url}/{post['slug']}/"
            return httpx.Response(200, json=post)
        if (m := _POST.match(path)) and method == "DELETE":
            post = next(p for p in self.posts if p["id"] == int(m.group(1)))
            post["status"] = "trash"
            return httpx.Response(200, json=post)
        if path == "/wp-json/wp/v2/media" and method == "POST":
            return httpx.Response(201, json=self._upload(request))
        if path == "/wp-json/wp/v2/media" and method == "GET":
            parent = int(query.get("parent", "0"))
            return httpx.Response(200, json=[m for m in self.media if m["post"] == parent])
        if path in ("/wp-json/wp/v2/tags", "/wp-json/wp/v2/categories"):
            if method == "GET":
                return httpx.Response(200, json=[])
            return httpx.Response(201, json={"id": self._id(), **json.loads(request.content)})
        return httpx.Response(404, json={"code": "rest_no_route", "data": {"status": 404}})

    def _upload(self, request: httpx.Request) -> dict[str, Any]:
        query = request.url.params
        name = request.headers["content-disposition"].split('filename="')[1].rstrip('"')
        item_id = self._id()
        title = query.get("title") or name.rsplit(".", 1)[0]
        media = {
            "id": item_id,
            "post": int(query.get("post", "0")),
            "title": {"raw": title, "rendered": title},
            "alt_text": query.get("alt_text", ""),
            "source_url": f"{self.base_url}/wp-content/uploads/{item_id}-{name}",
            "mime_type": request.headers["content-type"],
        }
        self.media.append(media)
        return media

    def _id(self) -> int:
        self._next_id += 1
        return self._next_id
