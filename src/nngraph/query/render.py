"""Turn rows (lists of dicts) into text for a terminal, a pipe, or another program.

Data goes to stdout in the requested format; this module only builds strings.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

TABLE_FORMATS = ("table", "json", "csv", "markdown")


def render_rows(
    rows: Sequence[dict[str, Any]], columns: Sequence[str], fmt: str, *, width: int | None = None
) -> str:
    """Render rows in one of TABLE_FORMATS.

    Args:
        rows: dicts with plain values (str, int, float, bool, None, lists).
        columns: the keys to show, in order (json keeps every key).
        fmt: table, json, csv or markdown.
        width: fit a table into this many characters (a terminal's width) by
            shortening the widest columns; None keeps every character.
    """
    if fmt == "json":
        return json.dumps(list(rows), indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_cell(row.get(c)) for c in columns])
        return out.getvalue()
    if fmt == "markdown":
        lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
        for row in rows:
            cells = [_cell(row.get(c)).replace("|", "\\|") for c in columns]
            lines.append("| " + " | ".join(cells) + " |")
        return "\n".join(lines) + "\n"
    return text_table([[_cell(row.get(c)) for c in columns] for row in rows], columns, width=width)


def text_table(
    cells: Sequence[Sequence[str]], header: Sequence[str], *, width: int | None = None
) -> str:
    """A plain aligned table: readable in a terminal, stable when piped.

    With ``width``, the widest text column gives way, one character at a time
    (none below 4), until the table fits; cut cells end in "…".
    """
    widths = [len(h) for h in header]
    for row in cells:
        widths = [max(w, len(c)) for w, c in zip(widths, row, strict=True)]
    if width is not None:
        # Text columns (titles, labels, topics) give way first; short codes and
        # ids only when the text columns are down to 4 characters.
        keep = [min(4, w) if h not in _CODES else w for h, w in zip(header, widths, strict=True)]
        for floors in (keep, [min(4, w) for w in widths]):
            while sum(widths) + 2 * (len(widths) - 1) > width:
                shrinkable = [i for i, w in enumerate(widths) if w > floors[i]]
                if not shrinkable:
                    break
                widest = max(shrinkable, key=lambda i: widths[i])
                widths[widest] -= 1

    def fit(value: str, room: int) -> str:
        return value if len(value) <= room else value[: room - 1] + "…"

    def line(values: Sequence[str]) -> str:
        cut = [fit(v, w).ljust(w) for v, w in zip(values, widths, strict=True)]
        return "  ".join(cut).rstrip()

    out = [line(header), line(["-" * w for w in widths])]
    out += [line(row) for row in cells]
    return "\n".join(out) + "\n"


_CODES = {"id", "kind", "step", "path", "depth", "status", "year", "count", "score", "free"}


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list | tuple):
        return "; ".join(_cell(v) for v in value)
    return str(value)
