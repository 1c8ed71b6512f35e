"""``loa content``: the slogans and fact cards the calendar can use, with their ids."""

from __future__ import annotations

from rich.markup import escape

from campaigns.cli.commands import help_of
from campaigns.cli.context import Context
from campaigns.cli.output import console, print_json
from campaigns.cli.parser import Subparsers


def register(sub: Subparsers) -> None:
    p = sub.add_parser("content", help=help_of("content"))
    p.add_argument("--json", action="store_true", help="in dạng JSON")
    p.set_defaults(func=run)


def run(ctx: Context) -> int:
    cal = ctx.calendar
    rows: list[dict[str, str | list[str]]] = [
        {
            "campaign": cid,
            "id": item.id,
            "kind": item.kind,
            "text": item.text,
            "seeds": list(item.seeds),
        }
        for cid, pool in cal.pools.items()
        for item in pool.items
    ]
    if ctx.args.json:
        print_json(rows)
        return 0
    out = console()
    for row in rows:
        label = "khẩu hiệu" if row["kind"] == "slogan" else "số liệu"
        out.print(f"[bold]{row['id']}[/] ({label}): {escape(str(row['text']))}")
    return 0
