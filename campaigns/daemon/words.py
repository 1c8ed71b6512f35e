"""The daemon's log lines as the officer reads them on the console: Vietnamese, times in
the ward's zone. The code logs in English (the JSON lines for operators stay English and
UTC); this catalogue maps each English format string to its Vietnamese one, with the same
``%`` placeholders in the same order. A line missing here is shown in English.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from campaigns.timeutil import fmt_local

MESSAGES: dict[str, str] = {
    # the daemon
    "loa daemon %s started for %s (%s), channels: %s": (
        "Tự động đăng %s đã chạy cho %s (%s), các kênh: %s"
    ),
    "loa daemon %s stopped": "Tự động đăng %s đã dừng",
    "stopping: no new claims; finishing the posts in flight": (
        "Đang dừng: không nhận bài mới; chờ đăng xong các bài đang đăng"
    ),
    "posts held by a stopped daemon, back to the queue: %s": (
        "Bài do lần chạy trước giữ dở, đã trả về hàng đợi: %s"
    ),
    "posts still in flight after %.0f s; their leases will expire": (
        "Sau %.0f giây vẫn còn bài đang đăng dở; lần chạy sau sẽ kiểm tra trên kênh trước "
        "khi đăng lại"
    ),
    "could not record the stop in the heartbeat": "Không ghi được lúc dừng vào nhịp tim",
    "tick failed; retrying at the next sweep": "Lượt quét lỗi; sẽ thử lại ở lượt sau",
    "preparing the next posts failed; they will be drawn when due": (
        "Chưa chuẩn bị trước được các bài sắp đăng; sẽ vẽ ảnh khi tới giờ"
    ),
    "token care failed; trying again later": "Chưa gia hạn được mã truy cập; sẽ thử lại sau",
    "token care for %s postponed: %s": "Gia hạn mã truy cập kênh %s để sau: %s",
    "token care for %s failed; trying again later": (
        "Gia hạn mã truy cập kênh %s bị lỗi; sẽ thử lại sau"
    ),
    "leases expired, back to the queue: %s": "Bài giữ quá hạn, đã trả về hàng đợi: %s",
    "post %s on %s missed: %s": "Bài số %s trên %s bị bỏ lỡ: %s",
    "post %s on %s: start (due %s, %.1f s late)": (
        "Bài số %s trên %s: bắt đầu đăng (hẹn %s, trễ %.1f giây)"
    ),
    "worker on %s failed; the post returns when its lease expires": (
        "Luồng đăng kênh %s bị lỗi; bài sẽ về lại hàng đợi khi hết hạn giữ"
    ),
    "post %s on %s: start (%.1f s late)": "Bài số %s trên %s: bắt đầu đăng (trễ %.1f giây)",
    # publishing
    "post %s already live on %s as %s": "Bài số %s đã có trên %s (mã %s): không đăng lại",
    "post %s: claim lost before publishing; left to its new holder": (
        "Bài số %s: tiến trình khác đã nhận bài này; không đăng từ đây"
    ),
    "post %s published on %s: %s": "Bài số %s đã đăng lên %s: %s",
    "post %s: live as %s but the row had already changed (possible duplicate)": (
        "Bài số %s đã lên kênh (mã %s) nhưng bài đã bị đổi ở nơi khác: có thể bị đăng trùng"
    ),
    "post %s: unexpected error from %s": "Bài số %s: lỗi không mong đợi từ kênh %s",
    "post %s on %s: %s (%s) %s": "Bài số %s trên %s: %s (%s) %s",
    "ALERT channel %s paused: %s": "CHÚ Ý: tạm dừng kênh %s: %s",
    "channel %s works again: resumed": "Kênh %s hoạt động trở lại",
    "channel %s rate-limited until %s": "Kênh %s bị nền tảng giới hạn đến %s",
    "channel %s: %s": "Kênh %s: %s",
    # publishers
    "%s: a Zalo token refresh lost its answer; trying once more": (
        "%s: không nhận được trả lời khi gia hạn mã Zalo; thử lại một lần"
    ),
    "%s: new Zalo token pair kept in memory only: %s": (
        "%s: cặp mã Zalo mới chỉ giữ trong bộ nhớ (chưa ghi được): %s"
    ),
    "%s: Zalo token not refreshed, secrets not writable: %s": (
        "%s: chưa gia hạn mã Zalo vì không ghi được tệp bí mật: %s"
    ),
    "%s: the new Zalo token pair is stored at last": "%s: đã ghi được cặp mã Zalo mới",
    "%s: %s already live as %s": "%s: %s đã có trên kênh (mã %s)",
    "%s: could not trash copy %s: %s": "%s: không bỏ được bản sao %s vào thùng rác: %s",
}
# English words passed as arguments
ARGS = {
    "once": "một lượt",
    "running": "chạy liên tục",
    "none": "không có",
    "transient": "lỗi tạm thời",
    "rate_limited": "bị giới hạn",
    "auth": "lỗi mã truy cập",
    "rejected": "bị từ chối",
    "duplicate": "trùng bài",
    "config": "lỗi cấu hình",
    "unknown": "lỗi không rõ",
}
LEVELS = {"DEBUG": "chi tiết ", "INFO": "", "WARNING": "CẢNH BÁO ", "ERROR": "LỖI ",
          "CRITICAL": "LỖI NẶNG "}  # fmt: skip


def vietnamese(template: str) -> str | None:
    """The Vietnamese format string for ``template`` (``failed`` adds ": %s")."""
    found = MESSAGES.get(template)
    if found is None and template.endswith(": %s"):
        base = MESSAGES.get(template[:-4])
        found = None if base is None else base + ": %s"
    return found


def arg(value: object, tz: ZoneInfo) -> object:
    """An argument as said to the officer: times in the ward's zone, English words translated."""
    if isinstance(value, datetime):
        return fmt_local(value, tz, with_zone=True)
    if isinstance(value, str):
        return ARGS.get(value, value)
    return value
