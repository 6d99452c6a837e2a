"""The graph view as data: the pyvis Network's nodes, edges and options, and the page's HTML."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from pyvis.network import Network

from nngraph.analysis.coverage import gaps
from nngraph.errors import NngraphError, QueryError, UnknownNameError, UnknownTopicError
from nngraph.store.loader import load
from nngraph.view.network import (
    DEPTH_COLOR,
    DEPTH_WIDTH,
    NODE_STYLES,
    build_network,
    render_html,
)
from nngraph.view.typed_view import _gap_topics

DATA = Path(__file__).parents[1] / "data"
TINY = DATA / "tiny.ttl"
HOSTILE = DATA / "viz" / "hostile.ttl"
EX = "https://example.org/tiny/"
WORKS = {EX + w for w in ("book1", "book2", "paper1")}
AUTHORS = {EX + a for a in ("alice", "bob")}
TOPICS = {EX + t for t in ("calculus", "backprop", "rnn", "bptt", "nets", "attention")}
GAPS = {EX + t for t in ("rnn", "bptt", "nets", "attention")}
# src= or href= whose value starts with http(s)://, quoted or not
REMOTE = re.compile(r"""\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", re.IGNORECASE)


def ids(network: Network) -> set[str]:
    return {node["id"] for node in network.nodes}


def edges_of(network: Network, kind: str) -> set[tuple[str, str]]:
    return {(e["from"], e["to"]) for e in network.edges if e["kind"] == kind}


def node(network: Network, iri: str) -> dict:
    return network.node_map[iri]


@pytest.fixture(scope="module")
def tiny_network(tiny_store) -> Network:
    return build_network(tiny_store)


@pytest.fixture(scope="module")
def hostile_store():
    return load([TINY, HOSTILE], bundled=False)


def test_every_work_author_and_topic_is_a_node(tiny_network):
    assert ids(tiny_network) == WORKS | AUTHORS | TOPICS
    assert tiny_network.node_ids == [n["id"] for n in tiny_network.nodes]
    assert len(tiny_network.node_ids) == len(set(tiny_network.node_ids))


def test_kinds_have_their_own_shape_and_colour(tiny_network):
    for iri in WORKS:
        assert node(tiny_network, iri)["shape"] == "square"
    for iri in AUTHORS:
        assert node(tiny_network, iri)["shape"] == "triangle"
    for iri in TOPICS - GAPS:
        assert node(tiny_network, iri)["shape"] == "dot"
    styles = [NODE_STYLES[k] for k in ("work", "author", "topic", "gap")]
    assert len({s["shape"] for s in styles}) == 4
    assert len({s["color"]["background"] for s in styles}) == 4


def test_gap_topics_are_highlighted(tiny_network):
    highlighted = {n["id"] for n in tiny_network.nodes if n["gap"]}
    assert highlighted == GAPS
    for iri in GAPS:
        assert node(tiny_network, iri)["shape"] == "star"
        assert node(tiny_network, iri)["kind"] == "topic"
        assert "GAP" in node(tiny_network, iri)["title"]


def test_gap_topics_agree_with_the_analysis(tiny_store, bundled_store):
    assert _gap_topics(tiny_store) == {row["topic"] for row in gaps(tiny_store)} == GAPS
    assert _gap_topics(bundled_store) == {row["topic"] for row in gaps(bundled_store)}


def test_coverage_edges_width_and_colour_by_depth_exercises_flagged(tiny_network):
    coverage = {(e["from"], e["to"]): e for e in tiny_network.edges if e["kind"] == "coverage"}
    assert set(coverage) == {
        (EX + "book1", EX + "calculus"),
        (EX + "book1", EX + "backprop"),
        (EX + "book2", EX + "rnn"),
        (EX + "paper1", EX + "bptt"),
        (EX + "book2", EX + "nets"),
    }
    depth = {pair: e["depth"] for pair, e in coverage.items()}
    assert depth[(EX + "book1", EX + "calculus")] == "rigorous"
    assert depth[(EX + "book2", EX + "rnn")] == "derivation"
    assert depth[(EX + "paper1", EX + "bptt")] == "intuition"
    assert depth[(EX + "book2", EX + "nets")] == "mention"
    for edge in coverage.values():
        assert edge["width"] == DEPTH_WIDTH[edge["depth"]]
        assert edge["color"]["color"] == DEPTH_COLOR[edge["depth"]]
        assert "dashes" not in edge  # exercises are a marker the page draws, on every depth
    depths = ("mention", "intuition", "derivation", "rigorous")
    widths = [DEPTH_WIDTH[d] for d in depths]
    assert widths == sorted(set(widths))  # strictly increasing with depth: 4 widths
    assert len({DEPTH_COLOR[d] for d in depths}) == 4
    assert {p for p, e in coverage.items() if e["exercises"]} == {
        (EX + "book1", EX + "calculus"),
        (EX + "book1", EX + "backprop"),
    }


def test_prerequisite_and_broader_edges_are_told_apart(tiny_network):
    # a prerequisite points to the topic that needs it (learning order)
    assert edges_of(tiny_network, "prerequisite") == {
        (EX + "calculus", EX + "backprop"),
        (EX + "backprop", EX + "bptt"),
        (EX + "rnn", EX + "bptt"),
        (EX + "rnn", EX + "attention"),
    }
    assert edges_of(tiny_network, "broader") == {(EX + "bptt", EX + "backprop")}
    prerequisite = next(e for e in tiny_network.edges if e["kind"] == "prerequisite")
    broader = next(e for e in tiny_network.edges if e["kind"] == "broader")
    assert prerequisite["color"] != broader["color"]
    assert prerequisite.get("dashes", False) != broader["dashes"]


def test_authorship_edges_and_author_order(tiny_network):
    assert edges_of(tiny_network, "author") == {
        (EX + "alice", EX + "book1"),
        (EX + "alice", EX + "book2"),
        (EX + "bob", EX + "book2"),
        (EX + "bob", EX + "paper1"),
    }
    # nn:authorList says Bob comes first on book2
    assert "Authors: Bob Writer, Alice Author" in node(tiny_network, EX + "book2")["title"]


def test_tooltips_carry_title_authors_year_locator_and_source(tiny_network):
    work = node(tiny_network, EX + "book1")["title"].split("\n")
    assert work[0] == "Rigorous Nets"
    assert "2010" in work[1]
    assert "Authors: Alice Author" in work
    assert "Source: https://example.org/book1" in work
    claim = next(
        e["title"]
        for e in tiny_network.edges
        if e["kind"] == "coverage" and e["to"] == EX + "calculus"
    ).split("\n")
    assert claim == [
        "Rigorous Nets → Calculus",
        "Depth: rigorous · Exercises: yes",
        "Locator: ch. 1 (1st ed. 2010)",
        "Source: https://example.org/book1/toc",
    ]
    topic = node(tiny_network, EX + "bptt")["title"]
    assert "intuition: On BPTT (whole paper)" in topic


def test_golden_network_data(tiny_network, golden):
    nodes, edges, heading, _height, _width, options = tiny_network.get_network_data()
    golden(
        "viz-tiny",
        {"nodes": nodes, "edges": edges, "heading": heading, "options": json.loads(options)},
    )


def test_memory_store_draws_the_same_network(tiny_network):
    other = build_network(load([TINY], bundled=False, backend="memory"))
    assert other.nodes == tiny_network.nodes
    assert other.edges == tiny_network.edges


def test_topic_neighbourhood(tiny_store):
    network = build_network(tiny_store, topic="BPTT")
    assert ids(network) == {EX + t for t in ("bptt", "backprop", "rnn", "paper1")}
    assert ids(build_network(tiny_store, topic="bptt", radius=0)) == {EX + "bptt"}
    wider = build_network(tiny_store, topic=EX + "bptt", radius=2)
    assert ids(wider) == {
        EX + t
        for t in (
            "bptt",
            "backprop",
            "rnn",
            "paper1",
            "calculus",
            "book1",
            "book2",
            "bob",
            "attention",
        )
    }
    # edges are exactly those among the nodes shown
    for edge in wider.edges:
        assert edge["from"] in ids(wider) and edge["to"] in ids(wider)


def test_unknown_topic_suggests_close_labels(tiny_store):
    with pytest.raises(UnknownTopicError) as caught:
        build_network(tiny_store, topic="Backpropogation")
    assert "Backpropagation" in caught.value.matches


def test_gaps_view(tiny_store):
    assert ids(build_network(tiny_store, gaps_only=True, radius=0)) == GAPS
    network = build_network(tiny_store, gaps_only=True)
    assert ids(network) == GAPS | {EX + t for t in ("book2", "paper1", "backprop")}


def test_no_authors(tiny_store):
    network = build_network(tiny_store, authors=False)
    assert ids(network) == WORKS | TOPICS
    assert not edges_of(network, "author")


def test_select_query_draws_its_nodes_and_the_links_among_them(tiny_store):
    network = build_network(
        tiny_store,
        query="SELECT ?work ?topic WHERE { ?c nn:work ?work ; nn:topic ?topic ; "
        "nn:depth nn:rigorous } ORDER BY ?work ?topic",
    )
    assert ids(network) == {EX + "book1", EX + "calculus", EX + "backprop"}
    assert edges_of(network, "coverage") == {
        (EX + "book1", EX + "calculus"),
        (EX + "book1", EX + "backprop"),
    }
    assert edges_of(network, "prerequisite") == {(EX + "calculus", EX + "backprop")}
    assert len(network.edges) == 3


def test_select_query_keeps_other_nodes(tiny_store):
    network = build_network(tiny_store, query="SELECT ?d WHERE { ?d nn:rank ?r } ORDER BY ?r")
    assert len(network.nodes) == 4
    assert {n["kind"] for n in network.nodes} == {"other"}
    assert {n["label"] for n in network.nodes} == {"mention", "intuition", "derivation", "rigorous"}


def test_construct_query_draws_its_triples(tiny_store, tmp_path):
    path = tmp_path / "prereqs.rq"
    path.write_text(
        "PREFIX nn: <https://w3id.org/nngraph/ns#>\n"
        "CONSTRUCT { ?t nn:requires ?p } WHERE { ?t nn:requires ?p }\n",
        encoding="utf-8",
    )
    network = build_network(tiny_store, query=str(path))
    assert ids(network) == {EX + t for t in ("calculus", "backprop", "bptt", "rnn", "attention")}
    assert {e["kind"] for e in network.edges} == {"prerequisite"}
    assert len(network.edges) == 4
    assert build_network(tiny_store, query=path).nodes == network.nodes


def test_construct_of_coverage_claims_draws_coverage_edges(tiny_store):
    network = build_network(
        tiny_store,
        query="CONSTRUCT { ?c nn:work ?w ; nn:topic ?t } WHERE "
        "{ ?c nn:work ?w ; nn:topic ?t ; nn:hasExercises true }",
    )
    assert ids(network) == {EX + "book1", EX + "calculus", EX + "backprop"}
    assert [e["kind"] for e in network.edges] == ["coverage", "coverage"]


def test_bad_queries(tiny_store, tmp_path):
    with pytest.raises(QueryError, match="ASK"):
        build_network(tiny_store, query="ASK { ?s ?p ?o }")
    with pytest.raises(UnknownNameError):
        build_network(tiny_store, query="no-such-query")
    with pytest.raises(NngraphError, match="no such query file"):
        build_network(tiny_store, query=str(tmp_path / "missing.rq"))
    with pytest.raises(QueryError):
        build_network(tiny_store, query="SELECT ?s WHERE { ?s ?p }")


def test_layouts_and_bad_options(tiny_store, tiny_network):
    assert tiny_network.options["physics"]["enabled"] is True
    assert tiny_network.options["physics"]["stabilization"]["enabled"] is True
    network = build_network(tiny_store, layout="hierarchical")
    assert network.options["layout"]["hierarchical"]["enabled"] is True
    assert network.options["physics"] == {"enabled": False}
    with pytest.raises(NngraphError, match="layout"):
        build_network(tiny_store, layout="circle")
    with pytest.raises(NngraphError, match="radius"):
        build_network(tiny_store, topic="rnn", radius=-1)


def test_html_is_self_contained(tiny_network):
    page = render_html(tiny_network)
    assert not REMOTE.findall(page)
    assert "<link" not in page
    assert "vis.Network" in page and "vis-network" in page
    assert "default-src 'none'" in page  # the page may not fetch anything


def test_remote_check_catches_cdn_tags():
    pyvis_page = Network(cdn_resources="remote").generate_html()
    assert REMOTE.findall(pyvis_page)


def test_render_html_works_on_any_pyvis_network():
    network = Network()
    network.add_node("a", label="A", title="<b>x</b>")
    network.add_node("b", label="B")
    network.add_edge("a", "b")
    page = render_html(network)
    assert not REMOTE.findall(page)
    assert "<b>x</b>" not in page


def test_hostile_text_is_never_markup(hostile_store, tiny_network):
    network = build_network(hostile_store)
    work = node(network, EX + "hostile")
    assert work["label"].startswith("<img src=x")  # kept as text in the data
    page = render_html(network)
    for raw in ("<img src=x", "</script><script>window.__xss", "<svg onload", "<b onmouseover"):
        assert raw not in page
    clean = render_html(tiny_network)
    for tag in ("<script", "</script", "<img", "<svg", "<b "):  # only the page's own
        assert page.count(tag) == clean.count(tag)


def test_notebook_display_is_an_escaped_iframe(tiny_network):
    shown = tiny_network._repr_html_()
    assert shown.startswith("<iframe srcdoc=")
    assert "<script>" not in shown  # the page is an escaped attribute value


def test_readme_snippet_runs():
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## The graph view", 1)[1]
    snippet = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    scope: dict = {}
    exec(compile(snippet, "README.md", "exec"), scope)
    assert isinstance(scope["network"], Network)
    assert scope["page"].startswith("<!DOCTYPE html>")
    assert "https://w3id.org/nngraph/topic/backpropagation" in {
        n["id"] for n in scope["network"].nodes
    }


def test_large_views_are_laid_out_beforehand(tiny_store, monkeypatch):
    import nngraph.view.network

    monkeypatch.setattr(nngraph.view.network, "LARGE", 5)
    network = build_network(tiny_store)
    assert network.options["physics"] == {"enabled": False}
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in network.nodes)
    assert len({(n["x"], n["y"]) for n in network.nodes}) == len(network.nodes)
    assert build_network(tiny_store).nodes == network.nodes  # deterministic
    small = build_network(tiny_store, layout="hierarchical")
    assert "x" not in small.nodes[0]


def test_hierarchical_puts_broader_topics_above(tiny_store):
    network = build_network(tiny_store, layout="hierarchical")
    broader = [e for e in network.edges if e["kind"] == "broader"]
    assert [(e["from"], e["to"]) for e in broader] == [(EX + "backprop", EX + "bptt")]
    assert "from" in broader[0]["arrows"] and "to" not in broader[0]["arrows"]


VERIFIED = DATA / "viz" / "verified.ttl"


def test_verified_only_draws_checked_claims_and_counts_gaps_from_them():
    store = load([TINY, VERIFIED], bundled=False)
    network = build_network(store, verified_only=True)
    assert edges_of(network, "coverage") == {
        (EX + "book1", EX + "calculus"),
        (EX + "book2", EX + "rnn"),
    }
    # the rigorous backpropagation claim is unchecked: backpropagation is a gap now
    assert {n["id"] for n in network.nodes if n["gap"]} == GAPS | {EX + "backprop"}
    assert "verified claims" in network.heading
    everything = build_network(store)
    assert len(edges_of(everything, "coverage")) == 5
    assert {n["id"] for n in everything.nodes if n["gap"]} == GAPS


def test_topic_centre_is_marked(tiny_store):
    network = build_network(tiny_store, topic="BPTT")
    centre = [n for n in network.nodes if n.get("centre")]
    assert [n["id"] for n in centre] == [EX + "bptt"]
    assert centre[0]["borderWidth"] == 6 and centre[0]["size"] > NODE_STYLES["gap"]["size"]
    assert not any(n.get("centre") for n in build_network(tiny_store).nodes)


def test_query_view_fades_context_and_counts_rows(tiny_store, tmp_path):
    # one row per rigorous claim: (book1, calculus) and (book1, backprop)
    query = tmp_path / "rigorous.rq"
    query.write_text(
        "PREFIX nn: <https://w3id.org/nngraph/ns#>\n"
        "SELECT ?work ?topic WHERE { ?c nn:work ?work ; nn:topic ?topic ; "
        "nn:depth nn:rigorous } ORDER BY ?work ?topic\n",
        encoding="utf-8",
    )
    network = build_network(tiny_store, query=str(query))
    assert network.heading == "nngraph — query rigorous.rq: 2 rows"
    assert str(tmp_path) not in render_html(network)  # no local path in the page
    answer = {(e["from"], e["to"]) for e in network.edges if not e.get("context")}
    context = {(e["from"], e["to"]) for e in network.edges if e.get("context")}
    assert answer == {(EX + "book1", EX + "calculus"), (EX + "book1", EX + "backprop")}
    assert context == {(EX + "calculus", EX + "backprop")}  # a link no row returned
    faded = next(e for e in network.edges if e.get("context"))
    assert faded["color"]["opacity"] < 0.5
    named = build_network(tiny_store, query="works")
    assert named.heading == "nngraph — query works: 3 rows"


SYNTH_WORKS = 60


@pytest.fixture(scope="module")
def synth_store(tmp_path_factory):
    from nngraph.store.synth import synth

    path = tmp_path_factory.mktemp("synth") / "synth.nt"
    synth(path, works=SYNTH_WORKS, seed=1)
    return load([path], bundled=False)


def test_large_views_fold_works_per_topic(synth_store):
    whole = build_network(synth_store, max_nodes=0)
    assert whole.groups == [] and not any("cluster" in n for n in whole.nodes)
    assert build_network(synth_store, max_nodes=len(whole.nodes)).groups == []
    network = build_network(synth_store, max_nodes=50)
    assert ids(network) == ids(whole) and len(network.edges) == len(whole.edges)  # nothing lost
    groups = network.groups
    assert groups and [g["id"] for g in groups] == [f"cluster:{i}" for i in range(len(groups))]
    members = {i: [n for n in network.nodes if n.get("cluster") == i] for i in range(len(groups))}
    for i, group in enumerate(groups):
        assert group["works"] == sum(n["kind"] == "work" for n in members[i]) >= 2
        assert group["authors"] == sum(n["kind"] == "author" for n in members[i])
        assert group["label"].startswith(f"{group['works']} works · ")
    # each folded work sits with the topic it treats deepest
    rank = {"mention": 0, "intuition": 1, "derivation": 2, "rigorous": 3}
    for n in network.nodes:
        if n["kind"] == "work" and "cluster" in n:
            topic = groups[n["cluster"]]["topic"]
            depths = [rank[e["depth"]] for e in network.edges if e["from"] == n["id"]]
            here = [
                rank[e["depth"]] for e in network.edges if (e["from"], e["to"]) == (n["id"], topic)
            ]
            assert max(here) == max(depths)
    assert not any(n.get("cluster") is not None for n in network.nodes if n["kind"] == "topic")
    assert network.options["physics"] == {"enabled": False}  # laid out beforehand
    with pytest.raises(NngraphError, match="max_nodes"):
        build_network(synth_store, max_nodes=-1)


def test_coverage_tooltips_name_the_edition_beside_the_locator(tiny_store):
    network = build_network(tiny_store)
    locators = sorted(e["locator"] for e in network.edges if e.get("kind") == "coverage")
    assert locators == [
        "ch. 1 (1st ed. 2010)",
        "ch. 2 (1st ed. 2010)",
        "ch. 5 (2nd ed. 2022)",  # book2's claim was checked in its second edition
        "p. 1 (1st ed. 2020)",
        "whole paper",  # a paper has no editions
    ]
