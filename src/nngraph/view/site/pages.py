"""Every page of the site as ``(path, html)`` pairs, rendered from ``SiteData``.

Pages are produced one at a time (a generator), so the writer streams them to
disk and memory holds one page, not the site. Templates use Jinja with
autoescaping on every page; links are relative to the page that holds them.
"""

from __future__ import annotations

import shlex
from collections.abc import Iterator
from datetime import date
from functools import cache
from typing import Any

import rdflib
from jinja2 import Environment, PackageLoader, pass_context, select_autoescape
from markupsafe import Markup

from nngraph.view.site import matrix, search, timeline
from nngraph.view.site.data import SiteData
from nngraph.view.site.urls import Urls, relative
from nngraph.vocab import DEPTHS, compact

# Only this site's own files: no inline code, no other origin, no plugins, no framing tricks.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "form-action 'self'; base-uri 'none'"
)

START_QUERY = """PREFIX nn: <https://w3id.org/nngraph/ns#>
PREFIX schema: <https://schema.org/>
# Works by the number of topics they treat at derivation depth or deeper, with exercises.
SELECT ?work ?title (COUNT(DISTINCT ?topic) AS ?topics) WHERE {
  ?coverage a nn:Coverage ; nn:work ?work ; nn:topic ?topic ; nn:depth/nn:rank ?rank .
  FILTER (?rank >= 2)
  OPTIONAL { ?coverage nn:hasExercises ?claimExercises }
  OPTIONAL { ?work nn:hasExercises ?workExercises }
  FILTER (COALESCE(?claimExercises, ?workExercises, false) = true)
  ?work schema:name ?title .
}
GROUP BY ?work ?title
ORDER BY DESC(?topics) ?title
LIMIT 5"""


@cache
def environment() -> Environment:
    """The Jinja environment: package templates, autoescaping everywhere."""
    env = Environment(
        loader=PackageLoader("nngraph.view.site", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["shell"] = lambda text: shlex.quote(str(text))
    return env


class Renderer:
    """Renders pages with links relative to each page."""

    def __init__(self, data: SiteData, urls: Urls) -> None:
        self.data = data
        self.urls = urls
        env = environment().overlay()

        @pass_context
        def href(context: Any, iri: str) -> str:
            return relative(context["page"], urls.path(iri))

        env.filters["href"] = href
        env.filters["has_page"] = urls.has
        self.env = env
        self.common = {
            "csp": Markup(CSP),  # a constant: its quotes stay quotes
            "stats": data.stats,
            "topics": data.topics,
            "works": data.works,
            "people": data.people,
            "verified_only": data.verified_only,
            "flag": " --verified-only" if data.verified_only else "",
        }

    def render(self, template: str, page: str, title: str, **context: Any) -> tuple[str, str]:
        root = "../" * page.count("/")
        html = self.env.get_template(template).render(
            **self.common, page=page, root=root, title=title, **context
        )
        return page, html


def pages(data: SiteData, urls: Urls, *, timeline_svg: Any) -> Iterator[tuple[str, str]]:
    """Every HTML page of the site, one at a time."""
    r = Renderer(data, urls)
    yield r.render(
        "home.html",
        "index.html",
        "Home",
        gap_reports=data.gap_reports,
        questions=data.questions,
        starts=_starts(data),
        start_query=START_QUERY,
    )
    yield from _indexes(r, data)
    groups, cols = matrix.columns(data)
    yield r.render(
        "matrix.html",
        matrix.PAGE,
        "Coverage matrix",
        groups=groups,
        columns=cols,
        body=matrix.body(data, cols, urls),
        rows_count=len(data.works),
        kinds=sorted({w["kind"] for w in data.works.values() if w["kind"]}),
        matrix_query=matrix.QUERY,
    )
    yield r.render(
        "timeline.html",
        "timeline.html",
        "Timeline of rigour",
        rows=data.timeline,
        svg=timeline_svg,
        waiting=sum(1 for row in data.timeline if row["rigorous"] is None),
        timeline_command=timeline.QUERY,
    )
    yield r.render("search.html", "search.html", "Search")
    for iri, topic in data.topics.items():
        by_depth = [
            {"depth": depth, "claims": [c for c in topic["claims"] if c["depth"] == depth]}
            for depth in reversed(DEPTHS)
        ]
        yield r.render(
            "topic.html",
            urls.path(iri),
            topic["label"],
            topic=topic,
            by_depth=[group for group in by_depth if group["claims"]],
            rigorous_count=len({c["work"] for c in topic["claims"] if c["depth"] == "rigorous"}),
        )
    for iri, work in data.works.items():
        yield r.render(
            "work.html",
            urls.path(iri),
            work["title"],
            work=work,
            profile_query="nngraph query --name work-profile --param work=" + _term(iri),
        )
    deepest = {
        iri: (DEPTHS[max(c["rank"] for c in w["claims"])] if w["claims"] else None)
        for iri, w in data.works.items()
    }
    for iri, person in data.people.items():
        yield r.render(
            "author.html", urls.path(iri), person["name"], person=person, deepest=deepest
        )


def _indexes(r: Renderer, data: SiteData) -> Iterator[tuple[str, str]]:
    groups: dict[str | None, list[str]] = {}
    for iri, topic in data.topics.items():
        if topic["broader"]:
            groups.setdefault(topic["broader"][0], []).append(iri)
        elif not topic["narrower"]:
            groups.setdefault(None, []).append(iri)
    label = lambda iri: data.topics[iri]["label"].casefold()  # noqa: E731
    listed = [
        {
            "iri": g,
            "label": "Other topics" if g is None else data.topics[g]["label"],
            "members": sorted(members, key=label),
        }
        for g, members in groups.items()
    ]
    listed.sort(key=lambda g: (g["iri"] is None, g["label"].casefold()))
    yield r.render("index_topics.html", "topics.html", "Topics", groups=listed)
    ordered = sorted(data.works.values(), key=lambda w: (-(w["year"] or 0), w["title"].casefold()))
    yield r.render("index_works.html", "works.html", "Works", ordered=ordered)
    people = sorted(data.people.values(), key=lambda p: (p["name"].casefold(), p["iri"]))
    yield r.render("index_authors.html", "authors.html", "Authors", ordered=people)


def _starts(data: SiteData) -> list[dict[str, Any]]:
    """Where to start: works treating the most topics at derivation or deeper, with exercises."""
    rows = []
    for work in data.works.values():
        topics = {c["topic"] for c in work["claims"] if c["rank"] >= 2 and c["exercises"] is True}
        if topics:
            rows.append(
                {
                    "work": work["iri"],
                    "title": work["title"],
                    "year": work["year"],
                    "free": work["free"],
                    "count": len(topics),
                }
            )
    rows.sort(key=lambda r: (-r["count"], r["title"]))
    return rows[:5]


def _term(iri: str) -> str:
    short = compact(rdflib.URIRef(iri))
    return shlex.quote(short if short != iri else f"<{iri}>")


def current_year() -> int:
    return date.today().year


__all__ = ["CSP", "START_QUERY", "Renderer", "current_year", "pages", "search"]
