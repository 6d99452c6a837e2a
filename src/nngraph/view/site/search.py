"""The offline search index: documents for MiniSearch, written as a script file.

The site must search from ``file://``, where pages cannot ``fetch`` a JSON
file; so the index is a small script that sets one global, loaded by a
``<script src>`` next to MiniSearch itself (vendored in ``assets/``).
"""

from __future__ import annotations

import json

from nngraph.view.site.data import SiteData
from nngraph.view.site.urls import Urls


def documents(data: SiteData, urls: Urls) -> list[dict[str, str]]:
    """One document per topic, work and author: what MiniSearch indexes and shows.

    Fields: id, kind, title, text (alternative labels, authors, definition…), url
    (from the site root).
    """
    docs = []
    for topic in data.topics.values():
        docs.append(
            {
                "id": urls.path(topic["iri"]),
                "kind": "topic",
                "title": topic["label"],
                "text": " ".join([*topic["alt_labels"], topic["definition"] or ""]),
            }
        )
    for work in data.works.values():
        names = [data.people[a]["name"] for a in work["authors"] if a in data.people]
        docs.append(
            {
                "id": urls.path(work["iri"]),
                "kind": "work",
                "title": work["title"],
                "text": " ".join(
                    [*names, work["subtitle"] or "", str(work["year"] or ""), work["id"]]
                ),
            }
        )
    for person in data.people.values():
        docs.append(
            {"id": urls.path(person["iri"]), "kind": "author", "title": person["name"], "text": ""}
        )
    return docs


def index_script(docs: list[dict[str, str]]) -> str:
    """The script that defines ``window.NNGRAPH_SEARCH`` (JSON is valid JavaScript)."""
    body = json.dumps(docs, ensure_ascii=False, separators=(",", ":"))
    # U+2028/2029 end lines in older JavaScript parsers; "</" can't matter in a .js file.
    body = body.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"window.NNGRAPH_SEARCH = {body};\n"
