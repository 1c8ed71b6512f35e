"""What the officer should do about a failed or missed post, by error kind."""

from __future__ import annotations

from campaigns.store import Post

ADVICE = {
    "transient": "Mạng hoặc máy chủ của nền tảng trục trặc. Loa tự thử lại; "
    "cũng có thể nhấn 'Đăng lại' (r).",
    "rate_limited": "Nền tảng đang giới hạn số lần đăng. Đợi một lúc, Loa sẽ tự đăng lại.",
    "auth": "Mã truy cập của kênh đã hết hạn hoặc bị thu hồi. Kết nối lại bằng lệnh "
    "'loa channels set-token {channel}', rồi nhấn 'Đăng lại' (r).",
    "rejected": "Nền tảng từ chối chính bài này (quá dài, ảnh không hợp lệ, vi phạm chính "
    "sách). Sửa chú thích, lưu (Ctrl+S) rồi nhấn 'Đăng lại' (r); hoặc đổi nội dung thẻ "
    "(bài về nháp) rồi 'Duyệt' (a). Đăng lại nguyên bài chưa sửa sẽ bị từ chối lần nữa.",
    "duplicate": "Bài đã có trên nền tảng. Kiểm tra trang của kênh trước khi đăng lại.",
    "config": "Cấu hình hoặc mã truy cập của kênh bị thiếu, sai. Xem màn hình Kênh (phím 3) "
    "và lệnh 'loa channels set-token {channel}'.",
    "maybe_live": "Xem trên kênh {channel}: nếu bài đã lên, nhấn 'Đã lên kênh' (l) và dán "
    "địa chỉ bài; nếu chưa, nhấn 'Chưa lên kênh' (n) rồi 'Đăng lại' (r).",
}
MISSED = (
    "Bài đã quá giờ mà không được đăng (Tự động đăng không chạy vào lúc đó?). Dời lịch "
    "sang giờ mới (bài vào lại hàng đợi), hoặc hủy bài (x) nếu không còn hợp thời."
)
UNKNOWN = "Xem lịch sử bên dưới. Sửa bài nếu cần, rồi nhấn 'Đăng lại' (r)."


def advice(post: Post) -> str:
    if post.status == "missed":
        return MISSED
    return ADVICE.get(post.error_kind or "", UNKNOWN).format(channel=post.channel)
