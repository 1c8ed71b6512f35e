from __future__ import annotations

from dataclasses import dataclass, replace
from itertools import pairwise

import pytest

from campaigns.captions import check_posts, check_templates, compose, validate
from campaigns.captions.compose import Caption
from campaigns.errors import ConfigError, UserError
from tests.render.helpers import all_items, post_for


def _item(cal, item_id):
    return next(i for i in all_items(cal) if i.id == item_id)


def test_each_channel_type_gets_its_fields(cal) -> None:
    s = _item(cal, "s03")
    fb = compose(cal, post_for(cal, s, "facebook"))
    assert s.text in fb.text and "#NghiQuyet72" in fb.text
    zalo = compose(cal, post_for(cal, s, "zalo"))
    assert set(zalo.fields) == {"title", "author", "description", "body"}
    assert zalo.title == s.text and zalo.author == "Phường Kiến An"
    web = compose(cal, post_for(cal, s, "website"))
    assert set(web.fields) == {"title", "html", "excerpt"}
    assert web.hashtags == ("#NghiQuyet72", "#SucKhoeNhanDan", "#VietNamKhoeManh")
    assert validate(fb) == validate(zalo) == validate(web) == []


def test_peak_and_fact_titles(cal) -> None:
    peak = compose(
        cal, post_for(cal, _item(cal, "s09"), "zalo", kind="peak", peak="Ngày Sức khỏe toàn dân")
    )
    assert peak.title.startswith("7/4 - Ngày Sức khỏe toàn dân: Tập thể dục")
    fact = compose(cal, post_for(cal, _item(cal, "bhyt-2026"), "website"))
    assert fact.title == "Dân số có bảo hiểm y tế: trên 95% (năm 2026)"


def test_website_html_is_autoescaped(cal) -> None:
    post = replace(post_for(cal, _item(cal, "s03"), "website"), text="Sạch <b>&</b> xanh")
    web = compose(cal, post)
    assert "Sạch &lt;b&gt;&amp;&lt;/b&gt; xanh" in web.html
    assert web.title == "Sạch <b>&</b> xanh"  # plain-text fields are not escaped


@pytest.mark.parametrize("channel", ["facebook", "zalo", "website"])
def test_a_tie_that_steers_the_card_reads_as_a_space_in_the_caption(cal, channel) -> None:
    post = replace(post_for(cal, _item(cal, "s03"), channel), text="Noi gương Bác Hồ~Chí~Minh ~5%")
    caption = compose(cal, post)
    assert "Bác Hồ Chí Minh ~5%" in " ".join(caption.fields.values())
    assert "Hồ~" not in " ".join(caption.fields.values())


def test_all_planned_posts_of_the_period_are_valid(cal) -> None:
    from datetime import date

    from campaigns.planning import desired_posts

    assert check_posts(cal, desired_posts(cal, date(2026, 1, 1), date(2026, 12, 31))) == []
    assert check_templates(cal) == []


def test_too_long_says_how_much_to_cut() -> None:
    caption = Caption(
        "zalo", "zalo", {"title": "x" * 172, "author": "a", "description": "d", "body": "b"}
    )
    assert validate(caption) == [
        "tiêu đề bài viết Zalo dài 172 ký tự, tối đa 150: cần cắt bớt 22 ký tự"
    ]


def test_officer_override_is_used_and_validated(cal) -> None:
    @dataclass
    class Row:
        channel: str
        campaign: str
        content_id: str
        kind: str
        text: str
        peak: str | None
        event: str | None
        slot_at: object
        due_at: object
        caption: dict[str, str] | None

    p = post_for(cal, _item(cal, "s03"), "zalo")
    row = Row(
        p.channel,
        p.campaign,
        p.content_id,
        p.kind,
        p.text,
        None,
        None,
        p.slot_at,
        p.slot_at,
        {"author": "Ban Tuyên giáo và Dân vận Đảng ủy phường Kiến An, Hải Phòng"},
    )
    caption = compose(cal, row)
    assert caption.edited == ("author",)
    assert validate(caption) == [
        "tác giả bài viết Zalo dài 59 ký tự, tối đa 50: cần cắt bớt 9 ký tự"
    ]


def test_officer_templates_override_the_bundled_ones(make_cal) -> None:
    cal = make_cal(
        '[captions]\nfolder = "mau"\n',
        files={"mau/facebook/text.txt": "{{ post.text }} — {{ ward.name }}"},
    )
    post = post_for(cal, _item(cal, "s03"), "facebook")
    assert (
        compose(cal, post).text == "Mỗi người dân khỏe mạnh - Cả nước vững mạnh! — Phường Kiến An"
    )


def test_a_template_syntax_error_names_template_and_line(make_cal) -> None:
    with pytest.raises(ConfigError) as err:
        make_cal(
            '[captions]\nfolder = "mau"\n',
            files={"mau/zalo/title.txt": "Tiêu đề\n{% if post.peak %}{{ post.peak }}\n"},
        )
    assert "zalo/title.txt, dòng" in err.value.message and "sai cú pháp" in err.value.message


def test_an_undefined_name_is_found_by_check_naming_template_and_line(make_cal) -> None:
    cal = make_cal(
        '[captions]\nfolder = "mau"\n',
        files={"mau/website/body.html": "<p>{{ post.text }}</p>\n<p>{{ phuong }}</p>"},
    )
    problems = check_templates(cal)
    assert problems and "website/body.html, dòng 2" in problems[0] and "phuong" in problems[0]
    with pytest.raises(UserError):
        compose(cal, post_for(cal, _item(cal, "s03"), "website"))


def test_the_sandbox_refuses_unsafe_access(make_cal) -> None:
    cal = make_cal(
        '[captions]\nfolder = "mau"\n',
        files={"mau/facebook/text.txt": "{{ post.__class__.__mro__ }}"},
    )
    assert check_templates(cal)


def test_loa_check_and_plan_refuse_a_broken_template(make_cal, tmp_path, capsys) -> None:
    from campaigns.cli import main

    cal = make_cal(
        '[captions]\nfolder = "mau"\n',
        files={"mau/facebook/text.txt": "{{ post.text }}\n{{ post.hinh }}"},
    )
    args = ["--calendar", str(cal.path), "--db", f"sqlite:///{tmp_path / 'x.db'}"]
    assert main([*args, "check"]) == 2
    assert "text.txt, dòng 2" in capsys.readouterr().err
    assert main([*args, "plan", "--from", "01/04/2026", "--to", "07/04/2026"]) == 2
    assert "text.txt, dòng 2" in capsys.readouterr().err


def test_an_own_post_is_captioned_as_written(cal) -> None:
    """No quotes, no campaign line: the officer's words; long text still fits Zalo's title."""
    long = "Chiều 5/12, phường tổ chức khám sức khỏe miễn phí " * 8
    text = f"{long.strip()}\n\nĐăng ký tại Trạm y tế phường & nhà văn hóa."
    own = replace(post_for(cal, _item(cal, "s03"), "facebook"), kind="own", campaign="own",
                  content_id="own", text=text)  # fmt: skip
    fb = compose(cal, own)
    assert fb.text == text
    zalo = compose(cal, replace(own, channel="zalo"))
    assert zalo.body == text and "“" not in zalo.body
    assert len(zalo.title) <= 150 and zalo.title.endswith("…")
    assert zalo.title.startswith("Chiều 5/12, phường tổ chức")
    assert len(zalo.description) <= 300
    web = compose(cal, replace(own, channel="website"))
    assert "<p>Đăng ký tại Trạm y tế phường &amp; nhà văn hóa.</p>" in web.html
    assert "tuyên truyền" not in web.html and "tuyên truyền" not in fb.text
    assert validate(fb) == validate(zalo) == validate(web) == []


def test_captions_take_turns_among_the_channels_templates(cal) -> None:
    from datetime import date

    from campaigns.planning import desired_posts

    posts = [p for p in desired_posts(cal, date(2026, 3, 2), date(2026, 3, 31))
             if p.channel == "facebook" and not p.peak and not p.event]  # fmt: skip
    texts = [compose(cal, p).text for p in posts]
    assert all(a != b for a, b in pairwise(texts))
    endings = {t.split("\n\n")[-2] for t in texts}  # the line before the hashtags
    assert len(endings) == 3
    # the same post always reads the same
    assert [compose(cal, p).text for p in posts] == texts
    # a post planned before variants reads as the first template
    plain = compose(cal, replace(posts[1], variant=None)).text
    assert plain == compose(cal, replace(posts[1], variant=0)).text != texts[1]


def test_each_bundled_variant_can_be_overridden_and_keeps_the_own_branch(make_cal) -> None:
    cal = make_cal(
        '[captions]\nfolder = "mau"\n',
        files={"mau/facebook/text.2.txt": "Biến thể riêng: {{ post.text }}"},
    )
    post = post_for(cal, _item(cal, "s03"), "facebook")
    assert compose(cal, replace(post, variant=1)).text.startswith("Biến thể riêng: ")
    assert "#" in compose(cal, replace(post, variant=2)).text  # bundled text.3.txt
    own = replace(post, kind="own", campaign="own", content_id="own", text="Tin riêng.")
    for n in range(3):  # every bundled variant keeps the own post's own words
        assert compose(cal, replace(own, variant=n, channel="zalo")).body == "Tin riêng."
        assert compose(cal, replace(own, variant=n, channel="website")).html == "<p>Tin riêng.</p>"


def test_an_officer_who_rewrote_the_main_template_rotates_only_their_own(make_cal) -> None:
    cal = make_cal(
        '[captions]\nfolder = "mau"\n',
        files={
            "mau/facebook/text.txt": "Một: {{ post.text }}",
            "mau/facebook/text.2.txt": "Hai: {{ post.text }}",
        },
    )
    post = post_for(cal, _item(cal, "s03"), "facebook")
    starts = [compose(cal, replace(post, variant=n)).text[:4] for n in range(4)]
    assert starts == ["Một:", "Hai:", "Một:", "Hai:"]


def test_check_tries_every_variant(make_cal) -> None:
    cal = make_cal(
        '[captions]\nfolder = "mau"\n',
        files={"mau/zalo/body.3.txt": "{{ post.text }} {{ khong_co }}"},
    )
    problems = check_templates(cal)
    assert any("zalo/body.3.txt" in p for p in problems), problems
