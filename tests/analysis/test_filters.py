"""Every analysis filter changes the answer on tests/data/filters.ttl, each in its own direction.

The expected rows are derived by hand from the fixture's header comment, not recorded from a
run: a filter made a no-op, or a filter applied to the wrong claims, changes at least one of
them. They do not depend on the bundled data.
"""

from pathlib import Path

import pytest

from nngraph.analysis.coverage import Filters, gaps, recommend
from nngraph.analysis.learning_path import path
from nngraph.analysis.reading_list import reading_list
from nngraph.analysis.validate import validate
from nngraph.store.loader import load

FIXTURE = Path(__file__).parents[1] / "data" / "filters.ttl"


def short(iri: str | None) -> str | None:
    return iri.rsplit("/", 1)[-1] if iri else None


@pytest.fixture(scope="module")
def graph():
    return load([FIXTURE], bundled=False)


def test_fixture_is_valid():
    assert validate([FIXTURE], bundled=False) == []


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (Filters(), ["gap"]),  # root only groups: never a gap
        (Filters(free=True), ["bp", "gap"]),  # closed2 is the only rigorous bp
        (Filters(with_exercises=True), ["calc", "cnn", "gap"]),  # calc claims lack exercises
        (Filters(kind="book"), ["cnn", "gap"]),  # cnn is rigorous only in a paper
        (Filters(kind="paper"), ["bp", "calc", "gap"]),
        (Filters(as_of=2010), ["bp", "cnn", "gap"]),  # closed2 2015, paper4 2012
        (Filters(as_of=2016), ["bp", "gap"]),  # closed2's bp claim was checked in its 2019 edition
        (Filters(min_depth="derivation"), []),
        (Filters(verified_only=True), ["bp", "gap"]),  # closed2's bp claim is unverified
    ],
    ids=[
        "default",
        "free",
        "exercises",
        "book",
        "paper",
        "as-of",
        "as-of-edition",
        "derivation",
        "verified",
    ],
)
def test_gaps_under_each_filter(graph, filters, expected):
    assert sorted(short(row["topic"]) for row in gaps(graph, filters)) == expected


def test_gap_rows_name_the_closest_treatment(graph):
    (row,) = gaps(graph, Filters())
    assert (short(row["topic"]), row["best_depth"], short(row["best_work"])) == (
        "gap",
        "derivation",
        "notes5",
    )
    assert row["best_locator"] == "§2"
    assert row["dependents"] == 0


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ({}, [("closed2", "rigorous"), ("late3", "derivation"), ("free1", "intuition")]),
        ({"free": True}, [("late3", "derivation"), ("free1", "intuition")]),
        ({"with_exercises": True}, [("closed2", "rigorous"), ("late3", "derivation")]),
        ({"kind": "paper"}, []),
        ({"as_of": 2010}, [("free1", "intuition")]),
        (
            {"as_of": 2016},
            [("free1", "intuition")],
        ),  # closed2's bp claim dates from its 2019 edition
        ({"min_depth": "derivation"}, [("closed2", "rigorous"), ("late3", "derivation")]),
    ],
    ids=["default", "free", "exercises", "paper", "as-of", "as-of-edition", "derivation"],
)
def test_recommend_under_each_filter(graph, options, expected):
    rows = recommend(graph, "Backpropagation", **options)
    assert [(short(r["work"]), r["depth"]) for r in rows] == expected


def test_recommend_names_the_locator_of_each_work(graph):
    rows = recommend(graph, "Backpropagation")
    assert [r["locator"] for r in rows] == ["§4.2", "ch. 5", "ch. 2"]


def _steps(paths):
    return [[(short(s["topic"]), short(s["work"])) for s in steps] for steps in paths]


def test_path_reads_prerequisites_first(graph):
    assert _steps(path(graph, ["Convolutional backpropagation"])) == [
        [("calc", "free1"), ("bp", "closed2"), ("cnn", "paper4")]
    ]


def test_path_skips_what_is_known_and_offers_alternatives(graph):
    paths = path(graph, ["Convolutional backpropagation"], known=["Calculus"], alternatives=2)
    assert _steps(paths) == [
        [("bp", "closed2"), ("cnn", "paper4")],
        [("bp", "late3"), ("cnn", "late3")],
        [("bp", "free1"), ("cnn", "paper4")],
    ]


def test_path_filters_change_the_works_read(graph):
    assert _steps(path(graph, ["Convolutional backpropagation"], free=True)) == [
        [("calc", "free1"), ("bp", "late3"), ("cnn", "paper4")]
    ]


TOPICS = ["Calculus", "Backpropagation", "Convolutional backpropagation"]


def test_reading_list_is_the_smallest_cover(graph):
    answer = reading_list(graph, TOPICS)
    assert [(short(w["work"]), w["topics"]) for w in answer["works"]] == [
        ("closed2", ["Backpropagation", "Calculus"]),
        ("paper4", ["Convolutional backpropagation"]),
    ]
    assert (answer["covered"], answer["uncovered"]) == (3, [])


def test_reading_list_under_free_leaves_backprop_uncovered(graph):
    answer = reading_list(graph, TOPICS, free=True)
    assert [short(w["work"]) for w in answer["works"]] == ["free1", "paper4"]
    assert (answer["covered"], answer["uncovered"]) == (2, ["Backpropagation"])


def test_reading_list_under_exercises(graph):
    answer = reading_list(graph, TOPICS, with_exercises=True)
    assert [short(w["work"]) for w in answer["works"]] == ["closed2"]
    assert answer["uncovered"] == ["Calculus", "Convolutional backpropagation"]
