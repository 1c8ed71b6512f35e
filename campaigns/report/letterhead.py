"""The frame of a Party document around the report: the two header columns (superior
Party organisation and issuing committee; "ĐẢNG CỘNG SẢN VIỆT NAM" with place and date),
the title, the recipients ("Nơi nhận") and the signature block. The number is left blank
for the office to fill in when the report is registered."""

from __future__ import annotations

from campaigns.report.blocks import Letterhead, place_date
from campaigns.report.model import Report


def joined(items: tuple[str, ...]) -> str:
    return "; ".join(items) if items else "các nghị quyết"


def _is_party_committee(unit: str) -> bool:
    return _plain(unit).startswith("đảng ủy")


def _is_peoples_committee(unit: str) -> bool:
    return _plain(unit).startswith(("ủy ban nhân dân", "ubnd"))


def _plain(unit: str) -> str:
    return unit.lower().replace("uỷ", "ủy")


def letterhead(report: Report) -> Letterhead:
    """A Party document for a Party organisation (the usual case: "Đảng ủy phường …"),
    a State one for a People's Committee ("Ủy ban nhân dân phường …")."""
    ward = report.ward
    day = report.as_of.astimezone(report.tz).date()
    subtitle = (
        f"kết quả công tác tuyên truyền {joined(report.titles)} "
        f"trên các nền tảng số, {report.period.label}"
    )
    if _is_peoples_committee(ward.issuing_unit):
        return Letterhead(
            upper_unit="ỦY BAN NHÂN DÂN",
            unit=ward.name.upper(),
            number="Số:       /BC-UBND",
            party="CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            motto="Độc lập - Tự do - Hạnh phúc",
            place_date=place_date(ward.place, day),
            title="BÁO CÁO",
            subtitle=subtitle,
            recipients=(f"Ủy ban nhân dân {_lower_first(ward.province)} (b/c),", "Lưu: VT."),
            sign_for="TM. ỦY BAN NHÂN DÂN",
            sign_title="CHỦ TỊCH",
        )
    committee = _is_party_committee(ward.issuing_unit)
    upper = "Thành ủy" if ward.province.lower().startswith("thành phố") else "Tỉnh ủy"
    recipients = [f"Ban Tuyên giáo và Dân vận {upper} (b/c),"]
    recipients += ["Thường trực Đảng ủy,", "Lưu VPĐU."] if committee else ["Lưu."]
    return Letterhead(
        upper_unit=f"ĐẢNG BỘ {ward.province.upper()}",
        unit=ward.issuing_unit.upper(),
        number="Số       -BC/ĐU" if committee else "Số       -BC",
        party="ĐẢNG CỘNG SẢN VIỆT NAM",
        motto="",
        place_date=place_date(ward.place, day),
        title="BÁO CÁO",
        subtitle=subtitle,
        recipients=tuple(recipients),
        sign_for="T/M BAN THƯỜNG VỤ" if committee else "THỦ TRƯỞNG ĐƠN VỊ",
        sign_title="PHÓ BÍ THƯ" if committee else "",
    )


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]
