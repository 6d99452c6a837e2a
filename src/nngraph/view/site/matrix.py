"""The coverage matrix: works × topics, each cell the deepest treatment.

The body is built here as one string rather than in the template: at 5,000
works and 141 topics it has 700,000 cells, and a Jinja loop over them is the
slowest part of the whole site. Every text goes through ``html.escape``.
"""

from __future__ import annotations

import html
from typing import Any

from markupsafe import Markup

from nngraph.view.site.data import SiteData
from nngraph.view.site.urls import Urls, relative

LETTERS = "MIDR"  # mention, intuition, derivation, rigorous
PAGE = "matrix.html"

# The SPARQL that gives the same cells (shown under the matrix).
QUERY = """PREFIX nn: <https://w3id.org/nngraph/ns#>
PREFIX schema: <https://schema.org/>
# One row per work and topic: the deepest treatment, and whether one at that depth has exercises.
SELECT ?work ?title ?topic (MAX(?rank) AS ?deepest) WHERE {
  ?coverage a nn:Coverage ; nn:work ?work ; nn:topic ?topic ; nn:depth/nn:rank ?rank .
  ?work schema:name ?title .
}
GROUP BY ?work ?title ?topic
ORDER BY ?title ?topic"""


def columns(data: SiteData) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The topic columns, grouped under their first broader topic.

    Returns:
        (groups, columns): groups with label and span, in order; columns with
        iri and label, in the same order. Group topics themselves get no column
        (no work treats a grouping as such); topics with no broader topic fall
        under "Other topics".
    """
    topics = data.topics
    by_group: dict[str | None, list[str]] = {}
    for iri, topic in topics.items():
        if topic["group"] and not topic["claims"]:
            continue
        group = topic["broader"][0] if topic["broader"] else None
        if group is None and topic["narrower"]:
            group = iri  # a root that has narrower topics heads its own group
        by_group.setdefault(group, []).append(iri)

    def label(iri: str | None) -> str:
        return "Other topics" if iri is None else topics[iri]["label"]

    order = sorted(by_group, key=lambda g: (g is None, label(g).casefold(), g or ""))
    groups, cols = [], []
    for group in order:
        members = sorted(
            by_group[group], key=lambda t: (t != group, topics[t]["label"].casefold(), t)
        )
        groups.append({"iri": group, "label": label(group), "span": len(members)})
        cols.extend({"iri": t, "label": topics[t]["label"]} for t in members)
    return groups, cols


def body(data: SiteData, cols: list[dict[str, Any]], urls: Urls) -> str:
    """The ``<tbody>`` rows: one per work, with the data attributes the filters read."""
    index = {col["iri"]: i for i, col in enumerate(cols)}
    lines = []
    works = sorted(
        data.works.values(),
        key=lambda w: (-len({c["topic"] for c in w["claims"]}), w["title"].casefold(), w["iri"]),
    )
    for work in works:
        cells: list[tuple[int, bool, bool] | None] = [None] * len(cols)
        verified = 0
        for claim in work["claims"]:
            i = index.get(claim["topic"])
            if i is None:
                continue
            if claim["status"] == "verified":
                verified += 1
            old = cells[i]
            ex = claim["exercises"] is True
            unverified = claim["status"] != "verified"
            if old is None or claim["rank"] > old[0]:
                cells[i] = (claim["rank"], ex, unverified)
            elif claim["rank"] == old[0]:
                cells[i] = (old[0], old[1] or ex, old[2] and unverified)
        has_ex = work["exercises"] is True or any(c and c[1] for c in cells)
        count = sum(1 for c in cells if c)
        parts = [
            f'<tr data-kind="{html.escape(work["kind"] or "")}" data-free="{int(work["free"])}"'
            f' data-ex="{int(has_ex)}" data-year="{work["year"] or ""}" data-count="{count}"'
            f' data-verified="{verified}" data-title="{html.escape(work["title"].casefold())}">'
            f'<th scope="row"><a href="{relative(PAGE, urls.path(work["iri"]))}">'
            f"{html.escape(work['title'])}</a></th><td>{work['year'] or ''}</td>"
        ]
        for cell in cells:
            if cell is None:
                parts.append("<td></td>")
                continue
            rank, ex, unverified = cell
            classes = f"d{rank}" + (" u" if unverified else "")
            parts.append(f'<td class="{classes}">{LETTERS[rank]}{"✎" if ex else ""}</td>')
        parts.append("</tr>")
        lines.append("".join(parts))
    return Markup("\n".join(lines))
