"""Every ``loa`` command: its module and its one-line help, in the order ``loa --help``
lists them. Only the module of the command being run is imported (the others would load
SQLAlchemy, Pillow, Jinja2… for nothing): ``loa --help`` reads this table alone.
"""

from __future__ import annotations

COMMANDS: dict[str, tuple[str, str]] = {
    "init": ("campaigns.cli.init", "tạo tệp lịch mới cho một xã, phường hoặc đặc khu"),
    "check": ("campaigns.cli.check", "kiểm tra calendar.toml và nội dung chiến dịch"),
    "campaign": ("campaigns.cli.campaign", "chiến dịch: nhập kế hoạch tuyên truyền"),
    "content": (
        "campaigns.cli.content",
        "liệt kê khẩu hiệu và thẻ số liệu (mã để dùng trong 'prefer')",
    ),
    "plan": (
        "campaigns.cli.plan",
        "lập kế hoạch bài đăng từ lịch (chạy lại nhiều lần vẫn an toàn)",
    ),
    "posts": ("campaigns.cli.posts", "xem và xử lý bài đăng"),
    "channels": ("campaigns.cli.channels", "kênh đăng bài: liệt kê, kiểm tra kết nối, nhập mã"),
    "preview": (
        "campaigns.cli.preview",
        "xem trước ảnh và chú thích của mọi bài trong khoảng ngày (không đăng gì)",
    ),
    "print": (
        "campaigns.cli.print_cmd",
        "xuất áp phích A4, A3 và băng rôn (PDF để in) cho mỗi khẩu hiệu",
    ),
    "bulletin": (
        "campaigns.cli.bulletin",
        "soạn bản tin cho loa truyền thanh (TXT, DOCX, âm thanh) trong khoảng ngày",
    ),
    "report": (
        "campaigns.cli.report",
        "báo cáo kết quả tuyên truyền theo quý, năm hoặc khoảng ngày",
    ),
    "history": (
        "campaigns.cli.report",
        "xuất lịch sử thay đổi trạng thái của các bài (nhật ký kiểm tra)",
    ),
    "engagement": (
        "campaigns.cli.engagement",
        "cập nhật và xem số liệu tương tác (cảm xúc, bình luận, chia sẻ) của bài đã đăng",
    ),
    "daemon": ("campaigns.cli.daemon", "chạy tiến trình tự động đăng bài đúng giờ"),
    "status": ("campaigns.cli.daemon", "daemon có đang chạy không, hàng đợi, lỗi gần đây"),
}


def help_of(name: str) -> str:
    return COMMANDS[name][1]
