"""Bad days, said plainly: a full disk, a read-only database, a server that is not there.

``translate`` turns the exception a database driver or the operating system raised into
the ``RuntimeFailure`` the officer reads (what is wrong, what to do), or None when it is
not one of these (a bug, reported as such). The CLI and the daemon's log both use it.
"""

from __future__ import annotations

import errno
import sqlite3
from collections.abc import Iterator

from campaigns.errors import LoaError, RuntimeFailure, UserError

# SQLite primary result codes (the low byte of the extended code)
SQLITE_BUSY, SQLITE_READONLY, SQLITE_FULL, SQLITE_CANTOPEN = 5, 8, 13, 14

DISK_FULL = (
    "Ổ đĩa đầy: không ghi được {what}. Hãy giải phóng dung lượng (xóa tệp không cần, bản "
    "xuất cũ, nhật ký cũ) rồi chạy lại lệnh; dữ liệu đã lưu trước đó không bị mất."
)
READ_ONLY = (
    "Cơ sở dữ liệu chỉ đọc: không ghi được vào {where}. Hãy cấp quyền ghi cho người dùng "
    "chạy Loa (tệp cơ sở dữ liệu và thư mục chứa nó) rồi chạy lại; các lệnh chỉ xem "
    "(loa status, loa posts list, loa report) vẫn dùng được."
)
PG_READ_ONLY = (
    "Cơ sở dữ liệu chỉ đọc: máy chủ {where} chỉ cho đọc (máy chủ dự phòng hoặc "
    "default_transaction_read_only). Hãy trỏ --db tới máy chủ chính; các lệnh chỉ xem "
    "vẫn dùng được."
)
CANT_OPEN = (
    "Không mở được tệp cơ sở dữ liệu {where}: thư mục không tồn tại hoặc không có quyền "
    "ghi. Kiểm tra đường dẫn --db và quyền của thư mục rồi chạy lại."
)
BUSY = (
    "Cơ sở dữ liệu {where} đang bận (một tiến trình khác giữ nó quá lâu). Thử lại sau ít "
    "phút; nếu vẫn vậy, kiểm tra tiến trình Loa nào đang chạy."
)
UNREACHABLE = (
    "Không kết nối được cơ sở dữ liệu {where}: {reason}. Kiểm tra máy chủ PostgreSQL đang "
    "chạy và địa chỉ --db (hoặc LOA_DATABASE_URL) rồi chạy lại."
)
NO_ACCESS = (
    "Không có quyền ghi {what}. Hãy cấp quyền cho người dùng chạy Loa (tệp và thư mục "
    "chứa nó) hoặc chọn nơi khác rồi chạy lại."
)
READ_ONLY_FS = (
    "Không ghi được {what}: ổ đĩa chỉ cho đọc. Hãy chọn thư mục trên ổ ghi được (hoặc "
    "gắn lại ổ với quyền ghi) rồi chạy lại."
)


def translate(exc: BaseException, database: str | None = None) -> RuntimeFailure | None:
    """The officer's message for ``exc`` or anything it wraps; ``database`` names the
    database in messages (passwords hidden)."""
    where = database or "của Loa"
    for cause in _chain(exc):
        found = _sqlite(cause, where) or _postgres(cause, where) or _os(cause, None)
        if found is not None:
            return found
    return None


def _chain(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    todo: list[BaseException | None] = [exc]
    while todo:
        cause = todo.pop(0)
        if cause is None or id(cause) in seen:
            continue
        seen.add(id(cause))
        yield cause
        orig = getattr(cause, "orig", None)  # SQLAlchemy's DBAPIError wraps the driver's
        todo += [orig if isinstance(orig, BaseException) else None]
        todo += [cause.__cause__, cause.__context__]


def sqlite_code(exc: BaseException | None) -> int:
    """SQLite's primary result code of a driver error (0 when it carries none)."""
    return (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF


def _sqlite(exc: BaseException, where: str) -> RuntimeFailure | None:
    if not isinstance(exc, sqlite3.Error):
        return None
    code = sqlite_code(exc)
    if code == SQLITE_FULL:
        return RuntimeFailure(DISK_FULL.format(what=f"vào cơ sở dữ liệu {where}"))
    if code == SQLITE_READONLY:
        return RuntimeFailure(READ_ONLY.format(where=where))
    if code == SQLITE_CANTOPEN:
        return RuntimeFailure(CANT_OPEN.format(where=where))
    if code == SQLITE_BUSY:
        return RuntimeFailure(BUSY.format(where=where))
    return None


def _postgres(exc: BaseException, where: str) -> RuntimeFailure | None:
    if not type(exc).__module__.startswith("psycopg"):
        return None
    import psycopg

    state = getattr(exc, "sqlstate", None) or ""
    if state.startswith("53"):  # insufficient resources: 53100 disk full, 53200 out of memory
        return RuntimeFailure(DISK_FULL.format(what=f"vào cơ sở dữ liệu {where} (máy chủ hết chỗ)"))
    if state == "25006":  # read_only_sql_transaction
        return RuntimeFailure(PG_READ_ONLY.format(where=where))
    if state.startswith(("08", "57P")) or (isinstance(exc, psycopg.OperationalError) and not state):
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return RuntimeFailure(UNREACHABLE.format(where=where, reason=reason))
    return None


# A path the officer gave that cannot be a file to write: bad input (exit 2).
_BAD_PATH = {
    errno.ENOENT: "thư mục chứa nó không tồn tại; tạo thư mục trước hoặc chọn nơi khác",
    errno.ENOTDIR: "một phần của đường dẫn là tệp chứ không phải thư mục; chọn nơi khác",
    errno.EISDIR: "đó là một thư mục; hãy ghi rõ tên tệp",
    errno.ENAMETOOLONG: "tên tệp hoặc đường dẫn quá dài; chọn tên ngắn hơn",
    errno.EEXIST: "đã có một tệp trùng tên ở chỗ cần tạo thư mục; chọn nơi khác",
}


def unwritable(exc: OSError, target: str, hint: str = "") -> LoaError:
    """Why ``target`` (a file or folder, named for the officer) could not be written;
    ``hint`` says what to do when the reason is none of the known ones."""
    if exc.errno in _BAD_PATH:
        return UserError(f"Không ghi được {target}: {_BAD_PATH[exc.errno]}.")
    reason = f"Không ghi được {target}: {exc.strerror or exc}" + (f" {hint}" if hint else ".")
    return _os(exc, target) or RuntimeFailure(reason)


def _os(exc: BaseException, target: str | None) -> RuntimeFailure | None:
    if not isinstance(exc, OSError):
        return None
    what = target or (f"tệp {exc.filename}" if exc.filename else "tệp")
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return RuntimeFailure(DISK_FULL.format(what=what))
    if exc.errno == errno.EROFS:
        return RuntimeFailure(READ_ONLY_FS.format(what=what))
    if exc.errno in (errno.EACCES, errno.EPERM) and (target or exc.filename):
        return RuntimeFailure(NO_ACCESS.format(what=what))
    return None
