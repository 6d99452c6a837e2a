import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nngraph.analysis.coverage import Filters, gaps, recommend, rollup
from nngraph.analysis.learning_path import path, requires_digraph
from nngraph.analysis.reading_list import minimum_cover, reading_list
from nngraph.errors import NngraphError, UnknownTopicError
from nngraph.records.topics import topic_graph
from nngraph.store.loader import load

T = "https://example.org/tiny/"


def test_gaps_on_tiny_graph(tiny_store):
    rows = gaps(tiny_store)
    assert [(r["label"], r["best_depth"], r["dependents"]) for r in rows] == [
        ("Recurrent networks", "derivation", 2),
        ("Attention", None, 0),
        ("Backpropagation through time", "intuition", 0),
        ("Neural networks", "mention", 0),
    ]
    rnn = rows[0]
    assert (rnn["best_title"], rnn["best_locator"]) == ("Practical Nets", "ch. 5")


def test_gap_filters(tiny_store):
    assert len(gaps(tiny_store, Filters(min_depth="mention"))) == 1  # attention only
    # Rigorous Nets (2010) is the only rigorous work: as of 2009 nothing is covered.
    assert len(gaps(tiny_store, Filters(as_of=2009))) == 6
    assert len(gaps(tiny_store, Filters(kind="paper"))) == 6
    assert len(gaps(tiny_store, Filters(free=True))) == 4
    with pytest.raises(NngraphError, match="unknown depth"):
        Filters(min_depth="deep")


def test_rollup_counts_narrower_topics(tiny_store):
    assert rollup(tiny_store) == [
        {
            "topic": T + "backprop",
            "label": "Backpropagation",
            "narrower_total": 1,
            "narrower_covered": 0,
            "share": 0.0,
        }
    ]


def test_recommend_ranks_and_resolves_alt_labels(tiny_store):
    rows = recommend(tiny_store, "bptt")
    assert [(r["title"], r["depth"], r["locator"]) for r in rows] == [
        ("On BPTT", "intuition", "whole paper")
    ]
    assert recommend(tiny_store, "backprop")[0]["authors"] == ["Alice Author"]
    with pytest.raises(UnknownTopicError) as caught:
        recommend(tiny_store, "backpropagaton")
    assert caught.value.matches[0] == "Backpropagation"
    # A unique beginning of a label is enough; an ambiguous one is not.
    assert recommend(tiny_store, "recurrent")[0]["title"] == "Practical Nets"
    assert recommend(tiny_store, "backpropagation t")[0]["title"] == "On BPTT"
    with pytest.raises(UnknownTopicError):
        recommend(tiny_store, "back")  # begins three names of two topics


def test_path_orders_prerequisites_and_skips_known(tiny_store):
    steps = path(tiny_store, ["BPTT"])[0]
    assert [s["label"] for s in steps] == [
        "Calculus",
        "Backpropagation",
        "Recurrent networks",
        "Backpropagation through time",
    ]
    assert [s["title"] for s in steps] == [
        "Rigorous Nets",
        "Rigorous Nets",
        "Practical Nets",
        "On BPTT",
    ]
    known = path(tiny_store, ["BPTT"], known=["backprop"])[0]
    assert [s["label"] for s in known] == ["Recurrent networks", "Backpropagation through time"]


def test_reading_list_on_tiny_graph(tiny_store):
    answer = reading_list(tiny_store, min_depth="derivation")
    assert [w["title"] for w in answer["works"]] == ["Rigorous Nets", "Practical Nets"]
    assert answer["uncovered"] == []
    named = reading_list(tiny_store, ["attention", "calculus"])
    assert named["uncovered"] == ["Attention"]
    assert [w["title"] for w in named["works"]] == ["Rigorous Nets"]


def test_bundled_answers_are_pinned(bundled_store, golden):
    golden("gaps", gaps(bundled_store))
    golden("gaps-as-of-2019", gaps(bundled_store, Filters(as_of=2019)))
    golden("recommend-bptt", recommend(bundled_store, "backpropagation through time"))
    golden("path-bptt", path(bundled_store, ["backpropagation through time"]))
    golden("reading-list-exercises", reading_list(bundled_store, with_exercises=True))


# ---------------------------------------------------------------- property tests

DEPTH_NAMES = ["mention", "intuition", "derivation", "rigorous"]


@st.composite
def small_graphs(draw):
    """Random topic DAGs (edges only from higher to lower index) with random coverage."""
    n_topics = draw(st.integers(2, 6))
    n_works = draw(st.integers(1, 5))
    edges = draw(
        st.sets(
            st.tuples(st.integers(0, n_topics - 1), st.integers(0, n_topics - 1)).filter(
                lambda e: e[0] > e[1]
            ),
            max_size=8,
        )
    )
    claims = draw(
        st.lists(
            st.tuples(
                st.integers(0, n_works - 1),
                st.integers(0, n_topics - 1),
                st.integers(0, 3),
                st.booleans(),
            ),
            max_size=14,
            unique_by=lambda c: (c[0], c[1]),
        )
    )
    years = draw(st.lists(st.integers(1980, 2024), min_size=n_works, max_size=n_works))
    lines = [
        "@prefix nn: <https://w3id.org/nngraph/ns#> .",
        "@prefix ex: <https://example.org/g/> .",
        "@prefix schema: <https://schema.org/> .",
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .",
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .",
        "ex:s a skos:ConceptScheme .",
    ]
    for t in range(n_topics):
        lines.append(
            f'ex:t{t} a skos:Concept ; skos:inScheme ex:s ; skos:prefLabel "topic {t}"@en .'
        )
    for a, b in edges:
        lines.append(f"ex:t{a} nn:requires ex:t{b} .")
    for w in range(n_works):
        lines.append(
            f'ex:w{w} a schema:Book ; schema:name "work {w}" ; '
            f'schema:datePublished "{years[w]}"^^xsd:gYear .'
        )
    for i, (w, t, d, ex) in enumerate(claims):
        lines.append(
            f"ex:c{i} a nn:Coverage ; nn:work ex:w{w} ; nn:topic ex:t{t} ; "
            f"nn:depth nn:{DEPTH_NAMES[d]} ; nn:hasExercises {str(ex).lower()} ; "
            f'nn:locator "ch. {i}" .'
        )
    return "\n".join(lines), claims, n_topics, years


def _load(text, tmp_path_factory):
    path_ = tmp_path_factory.mktemp("g") / "g.ttl"
    path_.write_text(text)
    return load([path_], bundled=False)


SETTINGS = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@SETTINGS
@given(small_graphs())
def test_path_respects_every_prerequisite(tmp_path_factory, generated):
    text, _, n_topics, _ = generated
    graph = _load(text, tmp_path_factory)
    topics = topic_graph(graph)
    target = f"https://example.org/g/t{n_topics - 1}"
    steps = [s["topic"] for s in path(graph, [target])[0]]
    assert steps[-1] == target or target in steps
    assert set(steps) == topics.prerequisites(target) | {target}
    position = {t: i for i, t in enumerate(steps)}
    for a, b in requires_digraph(topics).subgraph(steps).edges:
        assert position[b] < position[a]


@SETTINGS
@given(small_graphs())
def test_reading_list_is_a_minimum_cover(tmp_path_factory, generated):
    text, claims, _, _ = generated
    graph = _load(text, tmp_path_factory)
    answer = reading_list(graph, min_depth="derivation")
    covers: dict[str, set[int]] = {}
    for w, t, d, _ in claims:
        if d >= 2:
            covers.setdefault(f"w{w}", set()).add(t)
    coverable = set().union(*covers.values()) if covers else set()
    chosen = [w["work"].rsplit("/", 1)[-1] for w in answer["works"]]
    assert set().union(set(), *(covers[w] for w in chosen)) == coverable
    assert answer["covered"] == len(coverable)
    best = next(
        k
        for k in range(len(covers) + 1)
        if any(
            set().union(set(), *(covers[w] for w in combo)) >= coverable
            for combo in itertools.combinations(sorted(covers), k)
        )
    )
    assert len(chosen) == best


@SETTINGS
@given(small_graphs(), st.integers(1985, 2024))
def test_stricter_filters_never_report_fewer_gaps(tmp_path_factory, generated, year):
    text, _, _, _ = generated
    graph = _load(text, tmp_path_factory)
    base = len(gaps(graph, Filters(min_depth="derivation")))
    assert len(gaps(graph, Filters(min_depth="derivation", as_of=year))) >= base
    assert len(gaps(graph, Filters(min_depth="derivation", as_of=year - 5))) >= len(
        gaps(graph, Filters(min_depth="derivation", as_of=year))
    )
    assert len(gaps(graph, Filters(min_depth="derivation", with_exercises=True))) >= base


def test_minimum_cover_small_exact_case():
    covers = {"a": {1, 2, 3}, "b": {1, 4}, "c": {2, 5}, "d": {4, 5}}
    assert minimum_cover([1, 2, 3, 4, 5], covers) == ["a", "d"]


def test_filtered_query_keeps_work_patterns_only_for_work_filters(tiny_store):
    from nngraph.analysis.coverage import Filters, filtered_query
    from nngraph.query.run import query_text, run_query

    plain = filtered_query("analysis-covered-topics", Filters())
    free = filtered_query("analysis-covered-topics", Filters(free=True))
    assert "?coverage nn:work ?work ." not in plain
    assert "?coverage nn:work ?work .\n" in free  # kept, its tag removed
    code = "\n".join(ln for ln in plain.splitlines() if not ln.strip().startswith("#"))
    assert "?minRank" not in code and "UNDEF" not in code
    # The file as shipped (every line, all parameters UNDEF) answers like the pruned text
    # with a depth of "mention" (rank >= 0).
    shipped = run_query(tiny_store, query_text("analysis-covered-topics")).values()
    pruned = run_query(tiny_store, filtered_query("analysis-covered-topics", Filters("mention")))
    assert pruned.values() == shipped and len(shipped) == 5
