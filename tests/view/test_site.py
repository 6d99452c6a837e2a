"""The reading guide built from the tiny graph: pages, contents, escaping, writing."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from nngraph.cli import cli
from nngraph.query.run import run_query
from nngraph.store.loader import load
from nngraph.view.site import build_site, gather
from nngraph.view.site import matrix as matrix_module
from nngraph.view.site import timeline as timeline_module
from nngraph.view.site.data import locator_key
from nngraph.view.site.pages import START_QUERY
from nngraph.vocab import DEPTHS

DATA = Path(__file__).parents[1] / "data"
TINY = DATA / "tiny.ttl"
EXTRA = DATA / "site" / "extra.ttl"
HOSTILE = DATA / "viz" / "hostile.ttl"
EX = "https://example.org/tiny/"

PAGES = {
    "index.html", "topics.html", "works.html", "authors.html", "matrix.html",
    "timeline.html", "search.html", "graph.html", "search-index.js",
    "assets/site.css", "assets/site.js", "assets/minisearch.js", "assets/minisearch-LICENSE.txt",
    "topic/calculus.html", "topic/backprop.html", "topic/rnn.html", "topic/bptt.html",
    "topic/nets.html", "topic/attention.html", "topic/architectures.html",
    "work/book1.html", "work/book2.html", "work/paper1.html",
    "author/alice.html", "author/bob.html",
}  # fmt: skip


@pytest.fixture(scope="module")
def graph():
    return load([TINY, EXTRA], bundled=False)


@pytest.fixture(scope="module")
def site(graph, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("site") / "out"
    build_site(graph, folder)
    return folder


def text(path: Path) -> str:
    """The page's visible text, tags dropped and spaces squeezed."""
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", path.read_text(encoding="utf-8"), flags=re.S)
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body)).strip())


def test_every_page_is_written(site):
    written = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    assert written == PAGES


def test_every_page_has_the_csp_and_only_relative_resources(site):
    for page in site.rglob("*.html"):
        source = page.read_text(encoding="utf-8")
        assert re.search(
            r'<meta http-equiv="Content-Security-Policy"\s+content="default-src \'none\';', source
        ), page
        # scripts, styles and images come from the site itself, never another origin
        assert not re.search(
            r'<(script|img|link|iframe)\b[^>]*\b(src|href)="(https?:)?//', source
        ), page
        if page.name != "graph.html":
            assert "<script>" not in source and "style=" not in source, page  # no inline code


def test_topic_page_gap_closest_works_and_path(site):
    page = text(site / "topic" / "bptt.html")
    assert "Also called: BPTT" in page
    assert (
        "Yes: no work in the graph treats it rigorously. "
        "The closest is On BPTT at intuition depth (whole paper)." in page
    )
    assert (
        "Intuition (1) Work Where Edition Exercises Free Status Source On BPTT (1990) whole paper"
        in page
    )
    path = page[page.index("A learning path to it") :]
    steps = re.findall(
        r"(\d) (Calculus|Backpropagation through time|Backpropagation|Recurrent networks) ", path
    )
    assert steps == [
        ("1", "Calculus"), ("2", "Backpropagation"), ("3", "Recurrent networks"),
        ("4", "Backpropagation through time"),
    ]  # fmt: skip
    assert "nngraph path 'Backpropagation through time'" in page
    source = (site / "topic" / "bptt.html").read_text(encoding="utf-8")
    assert 'href="../topic/backprop.html"' in source and 'href="../graph.html#https%3A' in source


def test_topic_page_edition_status_and_not_a_gap(site):
    page = text(site / "topic" / "rnn.html")
    assert (
        "Derivation (1) Work Where Edition Exercises Free Status Source "
        "Practical Nets (2020) ch. 5 2nd (2022) no no not stated source" in page
    )
    calculus = text(site / "topic" / "calculus.html")
    assert "No: 1 work treats it rigorously." in calculus
    assert "Rigorous Nets (2010) ch. 1 1st (2010) yes yes verified source" in calculus
    group = text(site / "topic" / "architectures.html")
    assert "This topic groups narrower ones" in group and "Narrower Recurrent networks" in group


def test_work_page_profile_editions_and_recommendation(site):
    page = text(site / "work" / "book2.html")
    assert "Bob Writer , Alice Author · 2020" in page
    assert "Editions" in page and "1st 2020" in page and "2nd 2022" in page
    profile = page[page.index("Coverage profile") :]
    assert profile.index("p. 1") < profile.index("ch. 5")  # locator order
    book1 = text(site / "work" / "book1.html")
    assert "Carol Reader (score 7), 2015-06-02 Caveats Terse proofs (Carol Reader)." in book1
    assert "Checked: chapter 2 has the proof." in book1


def test_home_page_gap_reports_and_seed_claim(site):
    page = text(site / "index.html")
    for heading in ("Rigorous: 4 gaps", "Rigorous, with exercises: 4 gaps",
                    "Rigorous, in books only: 4 gaps", "As of 2015: 4 gaps"):  # fmt: skip
        assert heading in page
    assert "nngraph gaps --as-of 2015" in page
    assert "Claim by Carol Reader: held when made, and still holds" in page
    assert "Backpropagation through time 0 0" in page
    assert "Rigorous Nets (2010): 2 topics, free to read" in page


def test_author_and_index_pages(site):
    assert "Rigorous Nets 2010 book 2 rigorous" in text(site / "author" / "alice.html")
    assert "Practical Nets" in text(site / "author" / "alice.html")
    topics = text(site / "topics.html")
    assert "Architectures Recurrent networks" in topics and "gap" in topics


def test_how_it_was_computed_queries_give_the_pages_answers(graph):
    data = gather(graph)
    # the timeline's SPARQL gives the chart's first years
    first = {
        (r["topic"], r["depth"].rsplit("#", 1)[-1]): int(r["first"])
        for r in run_query(graph, timeline_module.QUERY).values()
    }
    for row in data.timeline:
        for depth in DEPTHS:
            assert first.get((row["topic"], depth)) == row[depth]
    # the matrix's SPARQL gives its cells
    cells = {
        (r["work"], r["topic"]): int(r["deepest"])
        for r in run_query(graph, matrix_module.QUERY).values()
    }
    assert cells == {
        (c["work"], c["topic"]): c["rank"] for w in data.works.values() for c in w["claims"]
    }
    # where to start
    starts = [(r["work"], int(r["topics"])) for r in run_query(graph, START_QUERY).values()]
    assert starts == [(EX + "book1", 2)]


def test_verified_only_drops_unverified_claims(graph, tmp_path):
    build_site(graph, tmp_path / "v", verified_only=True)
    assert "No work in the graph treats this topic yet." in text(
        tmp_path / "v" / "topic" / "backprop.html"
    )
    assert "Rigorous Nets (2010) ch. 1" in text(tmp_path / "v" / "topic" / "calculus.html")
    assert "nngraph gaps --verified-only" in text(tmp_path / "v" / "index.html")
    everything = text(tmp_path / "v" / "work" / "book2.html")
    assert "No coverage claims on this work yet." in everything


def test_hostile_labels_are_text_everywhere(tmp_path):
    graph = load([TINY, HOSTILE], bundled=False)
    build_site(graph, tmp_path / "h")
    for page in (tmp_path / "h").rglob("*.html"):
        if page.name == "graph.html":
            continue  # the graph view's own escaping is tested with it
        source = page.read_text(encoding="utf-8")
        assert "<img" not in source and "<b onmouseover" not in source, page
        assert "<svg onload" not in source and "<script>window" not in source, page
    assert "&lt;img src=x onerror=" in (tmp_path / "h" / "work" / "hostile.html").read_text(
        encoding="utf-8"
    )
    index = (tmp_path / "h" / "search-index.js").read_text(encoding="utf-8")
    assert (
        '"title":"</script><script>window.__xss=3</script>"' in index
    )  # data in a .js file, not markup


def test_cli_refuses_a_non_empty_folder_then_replaces_it_with_force(runner, tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "mine.txt").write_text("keep me", encoding="utf-8")
    args = ["--no-bundled", "--data", str(TINY), "site", "-o", str(folder)]
    result = runner.invoke(cli, args)
    assert result.exit_code == 2
    assert "folder is not empty; use --force" in result.stderr
    assert [p.name for p in folder.iterdir()] == ["mine.txt"]
    result = runner.invoke(cli, [*args, "--force"])
    assert result.exit_code == 0, result.output
    assert not (folder / "mine.txt").exists() and (folder / "index.html").is_file()
    assert "wrote" in result.stderr and "6 topics, 3 works, 2 authors" in result.stderr
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]
    assert leftovers == []  # the temporary and the old folder are gone


def test_cli_writes_into_an_empty_folder_and_refuses_a_file(runner, tmp_path):
    (tmp_path / "empty").mkdir()
    args = ["--no-bundled", "--data", str(TINY), "site", "-o"]
    assert runner.invoke(cli, [*args, str(tmp_path / "empty")]).exit_code == 0
    (tmp_path / "file").write_text("x", encoding="utf-8")
    result = runner.invoke(cli, [*args, str(tmp_path / "file")])
    assert result.exit_code == 2
    assert f"Directory '{tmp_path / 'file'}' is a file." in result.stderr
    assert (tmp_path / "file").read_text(encoding="utf-8") == "x"


def test_locator_order():
    locators = ["App. A", "ch. 10", "§2.3", "ch. 2", "whole paper", "§2.10"]
    assert sorted(locators, key=locator_key) == [
        "ch. 2",
        "§2.3",
        "§2.10",
        "ch. 10",
        "whole paper",
        "App. A",
    ]


@pytest.mark.parametrize("files", [[TINY, EXTRA], [TINY, HOSTILE]])
def test_learning_paths_match_nngraph_path(files):
    from nngraph.analysis.learning_path import path

    graph = load(files, bundled=False)
    data = gather(graph)
    for iri, topic in data.topics.items():
        expected = [(s["topic"], s["work"], s["locator"]) for s in path(graph, [iri])[0]]
        got = [
            (s["topic"], s["claim"]["work"] if s["claim"] else None,
             s["claim"]["locator"] if s["claim"] else None)
            for s in topic["path"]
        ]  # fmt: skip
        assert got == expected, iri
