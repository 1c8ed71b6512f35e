"""Publisher overhead: N photo posts through FacebookPublisher to the local Graph fake,
against a raw httpx loop sending the same requests over the same kind of client.

    python bench/publish.py [--posts 500] [--rounds 5]

Prints posts/s for both and the overhead ratio (publisher time / raw time; aim <= 1.2).
Best of ``rounds`` for each, alternating, so both see the same warm server.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from pathlib import Path

import httpx
from PIL import Image as PILImage

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from publishers.base import Image, PublishRequest
from publishers.facebook import FacebookPublisher
from publishers.http import user_agent
from publishers.testing import MemorySecrets
from tests.fakes import FakeGraph


def sample_image() -> Image:
    buf = io.BytesIO()
    PILImage.new("RGB", (1080, 1080), "#c8102e").save(buf, "JPEG", quality=85)
    return Image(buf.getvalue(), "anh.jpg", "image/jpeg")


def requests_for(n: int, image: Image, run: str) -> list[PublishRequest]:
    caption = "Ngày Sức khỏe toàn dân 7/4: mỗi người dân chủ động rèn luyện thân thể."
    return [
        PublishRequest(key=f"bench/{run}/{i}", title="7/4", caption=caption, image=image)
        for i in range(n)
    ]


def via_publisher(fake: FakeGraph, requests: list[PublishRequest]) -> float:
    secrets = MemorySecrets({"facebook": {"page_token": fake.page_token}})
    settings = {"page_id": fake.page_id, "base_url": fake.url, "usage_ceiling": 101.0}
    with FacebookPublisher("facebook", settings, secrets) as publisher:
        start = time.perf_counter()
        for request in requests:
            publisher.publish(request)
        return time.perf_counter() - start


def raw_loop(fake: FakeGraph, requests: list[PublishRequest]) -> float:
    headers = {"User-Agent": user_agent(), "Accept": "application/json"}
    with httpx.Client(base_url=fake.url, headers=headers, timeout=30.0) as client:
        start = time.perf_counter()
        for request in requests:
            assert request.image is not None
            response = client.post(
                f"/v26.0/{fake.page_id}/photos",
                headers={"Authorization": f"Bearer {fake.page_token}"},
                data={"caption": f"{request.caption}\n\n#{request.marker}"},
                files={"source": (request.image.filename, request.image.data, request.image.mime)},
            )
            response.raise_for_status()
            response.json()
        return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    image = sample_image()
    with FakeGraph() as fake:
        raw_loop(fake, requests_for(20, image, "warm-raw"))
        via_publisher(fake, requests_for(20, image, "warm-pub"))
        n = args.posts
        raw_times: list[float] = []
        pub_times: list[float] = []
        for r in range(args.rounds):  # alternate who goes first: the machine's noise is shared
            order = ["raw", "pub"] if r % 2 == 0 else ["pub", "raw"]
            for who in order:
                if who == "raw":
                    raw_times.append(raw_loop(fake, requests_for(n, image, f"raw{r}")))
                else:
                    pub_times.append(via_publisher(fake, requests_for(n, image, f"pub{r}")))
        posted = len(fake.posts)
    raw, pub = min(raw_times), min(pub_times)
    ratios = sorted(p / q for p, q in zip(pub_times, raw_times, strict=True))
    print(
        f"image: {len(image.data) / 1024:.0f} KiB JPEG; {n} posts x {args.rounds} rounds "
        f"(best of), {posted} posts received by the fake"
    )
    print(f"raw httpx loop     : {n / raw:8.1f} posts/s  ({raw * 1000 / n:.2f} ms/post)")
    print(f"FacebookPublisher  : {n / pub:8.1f} posts/s  ({pub * 1000 / n:.2f} ms/post)")
    print(f"overhead ratio     : {pub / raw:.3f}  (best publisher / best raw; aim <= 1.2)")
    print(
        f"per-round ratios   : median {statistics.median(ratios):.3f}, "
        f"range {ratios[0]:.3f}-{ratios[-1]:.3f}"
    )


if __name__ == "__main__":
    main()
