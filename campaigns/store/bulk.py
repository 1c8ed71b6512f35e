"""Insert many rows fast: one driver-level executemany, values converted by each column's
own SQLAlchemy bind processor (so stored values are exactly what the ORM would store).

Going through ``Connection.execute(insert(table), rows)`` costs about as much again in
per-row parameter handling as the driver's own work, mostly formatting datetimes; planning a
province inserts 300,000 rows, so it shows (see bench/plan.py).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from operator import itemgetter
from typing import Any

from sqlalchemy import JSON, Connection, Table, insert


def insert_rows(conn: Connection, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
    if not rows:
        return
    dialect = conn.dialect
    columns = list(rows[0])
    if dialect.name == "postgresql":
        _copy(conn, table, columns, rows)
        return
    compiled = insert(table).compile(dialect=dialect, column_keys=columns)
    processors: dict[str, Callable[[Any], Any] | None] = {
        name: _memo(table.c[name].type.dialect_impl(dialect).bind_processor(dialect))
        for name in columns
    }
    order = list(compiled.positiontup) if compiled.positional and compiled.positiontup else None
    names = order or columns
    get = itemgetter(*names)
    convert = [(i, p) for i, n in enumerate(names) if (p := processors[n]) is not None]
    params: list[Any] = []
    for row in rows:
        values = list(get(row)) if len(names) > 1 else [get(row)]
        for i, p in convert:
            values[i] = p(values[i])
        params.append(tuple(values) if order is not None else dict(zip(names, values, strict=True)))
    conn.exec_driver_sql(compiled.string, params)


def _copy(
    conn: Connection, table: Table, columns: list[str], rows: Sequence[Mapping[str, Any]]
) -> None:
    """PostgreSQL's bulk path: COPY, inside the connection's current transaction. psycopg
    adapts each Python value itself (aware datetimes to timestamptz); JSON goes as text."""
    json_columns = {n for n in columns if isinstance(table.c[n].type, JSON)}
    serialize = getattr(conn.dialect, "_json_serializer", None) or json.dumps
    driver = conn.connection.driver_connection
    assert driver is not None
    names = ", ".join(f'"{n}"' for n in columns)
    with driver.cursor() as cur, cur.copy(f'COPY "{table.name}" ({names}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row(
                [
                    serialize(row[n]) if n in json_columns and row[n] is not None else row[n]
                    for n in columns
                ]
            )


def _memo(process: Callable[[Any], Any] | None) -> Callable[[Any], Any] | None:
    """Convert each distinct value once: a plan's rows share created_at, updated_at, and
    due_at equals slot_at, so most datetime conversions repeat."""
    if process is None:
        return None
    seen: dict[Any, Any] = {}

    def convert(value: Any) -> Any:
        try:
            return seen[value]
        except KeyError:
            seen[value] = out = process(value)
            return out
        except TypeError:  # unhashable (a JSON dict): convert every time
            return process(value)

    return convert
