"""The reading guide: a static website of the graph, for people who will never write SPARQL.

``build_site(graph, folder)`` writes a page per topic, work and author, the
home page with the gap reports and the seed question's claims, the coverage
matrix, the timeline of rigour, offline search and the graph view. The site is
self-contained (no request to another origin, relative links only), so it works
from ``file://`` and from any static host.

Modules, one concern each: ``data`` gathers everything from the records and the
analysis; ``urls`` names the pages; ``pages`` renders them with Jinja;
``matrix``, ``timeline`` and ``search`` build the matrix, the chart and the
search index; ``write`` swaps the finished folder in atomically.
"""

from __future__ import annotations

import concurrent.futures
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import rdflib

from nngraph.view.site import graph_page, pages, search, timeline
from nngraph.view.site.data import SiteData, gather
from nngraph.view.site.urls import Urls
from nngraph.view.site.write import check_target, write_site

ASSETS = ("site.css", "site.js", "minisearch.js", "minisearch-LICENSE.txt")


@dataclass(frozen=True)
class SiteSummary:
    """What ``build_site`` wrote.

    Attributes:
        folder: the site's folder.
        files: how many files.
        topics, works, authors: how many pages of each.
    """

    folder: Path
    files: int
    topics: int
    works: int
    authors: int


def build_site(
    graph: rdflib.Graph,
    folder: Path | str,
    *,
    force: bool = False,
    verified_only: bool = False,
) -> SiteSummary:
    """Write the reading guide for ``graph`` into ``folder``.

    Args:
        graph: the loaded graph.
        folder: the site's folder; built beside it and renamed into place.
        force: replace a non-empty folder.
        verified_only: count only verified claims in every page and answer.

    Returns:
        A ``SiteSummary``.

    Raises:
        NngraphError: the folder is not empty (without ``force``), is a file,
            or cannot be written.
    """
    target = Path(folder)
    check_target(target, force=force)
    data = gather(graph, verified_only=verified_only)
    urls = Urls({"topic": data.topics, "work": data.works, "author": data.people})
    # The chart's engine starts a JavaScript runtime (about 2 s the first time) and
    # releases the GIL while it draws: start it first and render the pages meanwhile.
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        chart = pool.submit(
            timeline.render_svg, timeline.spec(data.timeline, now=pages.current_year())
        )
        count = write_site(_files(graph, data, urls, chart), target, force=force)
    return SiteSummary(
        folder=target,
        files=count,
        topics=len(data.topics),
        works=len(data.works),
        authors=len(data.people),
    )


def _files(
    graph: rdflib.Graph, data: SiteData, urls: Urls, chart: concurrent.futures.Future
) -> Iterator[tuple[str, str | bytes]]:
    folder = resources.files("nngraph.view.site") / "assets"
    for name in ASSETS:
        yield f"assets/{name}", (folder / name).read_bytes()
    yield "search-index.js", search.index_script(search.documents(data, urls))
    yield "graph.html", graph_page.render(graph)
    page_list = pages.pages(data, urls, timeline_svg=_Later(chart))
    yield from page_list


class _Later:
    """The chart's SVG, waited for only when the timeline page is rendered."""

    def __init__(self, future: concurrent.futures.Future) -> None:
        self.future = future

    def __html__(self) -> str:
        return str(self.future.result())


__all__ = ["SiteData", "SiteSummary", "build_site", "gather"]
