# ruff: noqa: E501  (rendered profiles are pinned as whole strings)
"""The records layer (profiles, lookup, typed records) on tests/data/filters.ttl + names.ttl.

These answers were recorded from a run and then read line by line against the two fixtures
(they are small enough to check by eye); they pin every field that `nngraph show`, `search`,
`--param` and the reading guide print, so a mutant of the records layer changes one of them
(tests/README.md: mutation testing). They never read the bundled data.
"""

from dataclasses import asdict
from pathlib import Path

import pytest

from nngraph.records.lookup import find, resolve_param, search
from nngraph.records.profiles import profile, render_profile
from nngraph.records.topic_records import read_coverage, read_topics
from nngraph.records.works import read_people, read_works
from nngraph.store.loader import load

DATA = Path(__file__).parents[1] / "data"
F = "https://example.org/filters/"


@pytest.fixture(scope="module")
def graph():
    return load([DATA / "filters.ttl", DATA / "names.ttl"], bundled=False)


def test_topic_profile_bp(graph):
    data = profile(graph, "topic", F + "bp")
    assert data == {
        "alt_labels": [],
        "broader": [{"id": "https://example.org/filters/root", "label": "Foundations"}],
        "definition": None,
        "dependents": [
            {"id": "https://example.org/filters/cnn", "label": "Convolutional backpropagation"},
            {"id": "https://example.org/filters/gap", "label": "Open problem"},
        ],
        "group": False,
        "id": "https://example.org/filters/bp",
        "iri": "https://example.org/filters/bp",
        "kind": "topic",
        "label": "Backpropagation",
        "narrower": [],
        "prerequisites": [{"id": "https://example.org/filters/calc", "label": "Calculus"}],
        "works": {
            "derivation": [
                {
                    "authors": ["Ben Closed", "Ann Free"],
                    "edition": "1st ed. 2022",
                    "exercises": True,
                    "id": "https://example.org/filters/late3",
                    "locator": "ch. 5",
                    "status": "verified",
                    "title": "Late Derivations",
                    "year": 2022,
                }
            ],
            "intuition": [
                {
                    "authors": ["Ann Free"],
                    "edition": "1st ed. 2005",
                    "exercises": False,
                    "id": "https://example.org/filters/free1",
                    "locator": "ch. 2",
                    "status": "verified",
                    "title": "Free Foundations",
                    "year": 2005,
                }
            ],
            "mention": [
                {
                    "authors": ["Émile Gödel", "Ann Free"],
                    "edition": None,
                    "exercises": None,
                    "id": "https://example.org/filters/theorie",
                    "locator": "§3",
                    "status": "unverified",
                    "title": "Théorie de la rétropropagation",
                    "year": 1999,
                }
            ],
            "rigorous": [
                {
                    "authors": ["Ben Closed"],
                    "edition": "2nd ed. 2019",
                    "exercises": True,
                    "id": "https://example.org/filters/closed2",
                    "locator": "§4.2",
                    "status": "unverified",
                    "title": "Closed Theory",
                    "year": 2015,
                }
            ],
        },
    }
    assert (
        render_profile(data, "text")
        == "Backpropagation\n===============\nid:         https://example.org/filters/bp\n\nBroader:\n  Foundations (https://example.org/filters/root)\n\nPrerequisites:\n  Calculus (https://example.org/filters/calc)\n\nDependents:\n  Convolutional backpropagation (https://example.org/filters/cnn)\n  Open problem (https://example.org/filters/gap)\n\nWorks at depth rigorous:\n  Closed Theory (Ben Closed, 2015) https://example.org/filters/closed2, §4.2, unverified\n\nWorks at depth derivation:\n  Late Derivations (Ben Closed, Ann Free, 2022) https://example.org/filters/late3, ch. 5, verified\n\nWorks at depth intuition:\n  Free Foundations (Ann Free, 2005) https://example.org/filters/free1, ch. 2, verified\n\nWorks at depth mention:\n  Théorie de la rétropropagation (Émile Gödel, Ann Free, 1999) https://example.org/filters/theorie, §3, unverified\n"
    )
    assert (
        render_profile(data, "markdown")
        == "# Backpropagation\n\n- **id**: https://example.org/filters/bp\n\n## Broader\n- Foundations (https://example.org/filters/root)\n\n## Prerequisites\n- Calculus (https://example.org/filters/calc)\n\n## Dependents\n- Convolutional backpropagation (https://example.org/filters/cnn)\n- Open problem (https://example.org/filters/gap)\n\n## Works at depth rigorous\n- Closed Theory (Ben Closed, 2015) https://example.org/filters/closed2, §4.2, unverified\n\n## Works at depth derivation\n- Late Derivations (Ben Closed, Ann Free, 2022) https://example.org/filters/late3, ch. 5, verified\n\n## Works at depth intuition\n- Free Foundations (Ann Free, 2005) https://example.org/filters/free1, ch. 2, verified\n\n## Works at depth mention\n- Théorie de la rétropropagation (Émile Gödel, Ann Free, 1999) https://example.org/filters/theorie, §3, unverified\n"
    )


def test_work_profile_closed2(graph):
    data = profile(graph, "work", F + "closed2")
    assert data == {
        "arxiv_id": None,
        "authors": [{"id": "https://example.org/filters/ben", "name": "Ben Closed"}],
        "coverage": [
            {
                "depth": "rigorous",
                "edition": "1st ed. 2015",
                "exercises": False,
                "label": "Calculus",
                "locator": "ch. 3",
                "status": "verified",
                "topic": "https://example.org/filters/calc",
            },
            {
                "depth": "rigorous",
                "edition": "2nd ed. 2019",
                "exercises": True,
                "label": "Backpropagation",
                "locator": "§4.2",
                "status": "unverified",
                "topic": "https://example.org/filters/bp",
            },
        ],
        "doi": None,
        "editions": [
            {
                "edition": "1st",
                "id": "https://example.org/filters/closed2-ed1",
                "isbn": [],
                "publisher": None,
                "year": "2015",
            },
            {
                "edition": "2nd",
                "id": "https://example.org/filters/closed2-ed2",
                "isbn": [],
                "publisher": None,
                "year": "2019",
            },
        ],
        "exercises": True,
        "free": False,
        "id": "https://example.org/filters/closed2",
        "iri": "https://example.org/filters/closed2",
        "kind": "work",
        "publisher": None,
        "status": "verified",
        "subtitle": None,
        "title": "Closed Theory",
        "type": "schema:Book",
        "url": None,
        "venue": None,
        "year": 2015,
    }
    assert (
        render_profile(data, "text")
        == "Closed Theory\n=============\nid:         https://example.org/filters/closed2\ntype:       schema:Book\nauthors:    Ben Closed\nyear:       2015\nfree:       no\nexercises:  yes\nstatus:     verified\n\nEditions:\n  1st ed. 2015\n  2nd ed. 2019\n\nCoverage:\n  ch. 3: Calculus (rigorous, verified, 1st ed. 2015)\n  §4.2: Backpropagation (rigorous, unverified, exercises, 2nd ed. 2019)\n"
    )
    assert (
        render_profile(data, "markdown")
        == "# Closed Theory\n\n- **id**: https://example.org/filters/closed2\n- **type**: schema:Book\n- **authors**: Ben Closed\n- **year**: 2015\n- **free**: no\n- **exercises**: yes\n- **status**: verified\n\n## Editions\n- 1st ed. 2015\n- 2nd ed. 2019\n\n## Coverage\n- ch. 3: Calculus (rigorous, verified, 1st ed. 2015)\n- §4.2: Backpropagation (rigorous, unverified, exercises, 2nd ed. 2019)\n"
    )


def test_author_profile_ben(graph):
    data = profile(graph, "author", F + "ben")
    assert data == {
        "id": "https://example.org/filters/ben",
        "iri": "https://example.org/filters/ben",
        "kind": "author",
        "name": "Ben Closed",
        "works": [
            {
                "authors": ["Ben Closed"],
                "id": "https://example.org/filters/paper4",
                "position": 1,
                "title": "Convolutions Proved",
                "type": "schema:ScholarlyArticle",
                "year": 2012,
            },
            {
                "authors": ["Ben Closed"],
                "id": "https://example.org/filters/closed2",
                "position": 1,
                "title": "Closed Theory",
                "type": "schema:Book",
                "year": 2015,
            },
            {
                "authors": ["Ben Closed", "Ann Free"],
                "id": "https://example.org/filters/late3",
                "position": 1,
                "title": "Late Derivations",
                "type": "schema:Book",
                "year": 2022,
            },
        ],
    }
    assert (
        render_profile(data, "text")
        == "Ben Closed\n==========\nid:         https://example.org/filters/ben\n\nWorks:\n  Convolutions Proved (2012) https://example.org/filters/paper4, author 1 of 1\n  Closed Theory (2015) https://example.org/filters/closed2, author 1 of 1\n  Late Derivations (2022) https://example.org/filters/late3, author 1 of 2\n"
    )
    assert (
        render_profile(data, "markdown")
        == "# Ben Closed\n\n- **id**: https://example.org/filters/ben\n\n## Works\n- Convolutions Proved (2012) https://example.org/filters/paper4, author 1 of 1\n- Closed Theory (2015) https://example.org/filters/closed2, author 1 of 1\n- Late Derivations (2022) https://example.org/filters/late3, author 1 of 2\n"
    )


def test_topic_profile_root(graph):
    data = profile(graph, "topic", F + "root")
    assert data == {
        "alt_labels": [],
        "broader": [],
        "definition": None,
        "dependents": [],
        "group": True,
        "id": "https://example.org/filters/root",
        "iri": "https://example.org/filters/root",
        "kind": "topic",
        "label": "Foundations",
        "narrower": [
            {"id": "https://example.org/filters/bp", "label": "Backpropagation"},
            {"id": "https://example.org/filters/calc", "label": "Calculus"},
        ],
        "prerequisites": [],
        "works": {},
    }
    assert (
        render_profile(data, "text")
        == "Foundations (topic group)\n=========================\nid:         https://example.org/filters/root\n\nNarrower:\n  Backpropagation (https://example.org/filters/bp)\n  Calculus (https://example.org/filters/calc)\n"
    )
    assert (
        render_profile(data, "markdown")
        == "# Foundations (topic group)\n\n- **id**: https://example.org/filters/root\n\n## Narrower\n- Backpropagation (https://example.org/filters/bp)\n- Calculus (https://example.org/filters/calc)\n"
    )


def test_work_profile_theorie(graph):
    data = profile(graph, "work", F + "theorie")
    assert data == {
        "arxiv_id": None,
        "authors": [
            {"id": "https://example.org/filters/emile", "name": "Émile Gödel"},
            {"id": "https://example.org/filters/ann", "name": "Ann Free"},
        ],
        "coverage": [
            {
                "depth": "mention",
                "edition": None,
                "exercises": None,
                "label": "Backpropagation",
                "locator": "§3",
                "status": "unverified",
                "topic": "https://example.org/filters/bp",
            }
        ],
        "doi": None,
        "editions": [],
        "exercises": None,
        "free": None,
        "id": "https://example.org/filters/theorie",
        "iri": "https://example.org/filters/theorie",
        "kind": "work",
        "publisher": None,
        "status": None,
        "subtitle": None,
        "title": "Théorie de la rétropropagation",
        "type": "schema:ScholarlyArticle",
        "url": None,
        "venue": None,
        "year": 1999,
    }
    assert (
        render_profile(data, "text")
        == "Théorie de la rétropropagation\n==============================\nid:         https://example.org/filters/theorie\ntype:       schema:ScholarlyArticle\nauthors:    Émile Gödel, Ann Free\nyear:       1999\n\nCoverage:\n  §3: Backpropagation (mention, unverified)\n"
    )
    assert (
        render_profile(data, "markdown")
        == "# Théorie de la rétropropagation\n\n- **id**: https://example.org/filters/theorie\n- **type**: schema:ScholarlyArticle\n- **authors**: Émile Gödel, Ann Free\n- **year**: 1999\n\n## Coverage\n- §3: Backpropagation (mention, unverified)\n"
    )


@pytest.mark.parametrize(
    ("name", "found"),
    [
        (
            "bp",
            {
                "also": (),
                "how": "id",
                "iri": "https://example.org/filters/bp",
                "kind": "topic",
                "label": "Backpropagation",
            },
        ),
        (
            "Closed Theory",
            {
                "also": (),
                "how": "title",
                "iri": "https://example.org/filters/closed2",
                "kind": "work",
                "label": "Closed Theory",
            },
        ),
        (
            "closed2",
            {
                "also": (),
                "how": "id",
                "iri": "https://example.org/filters/closed2",
                "kind": "work",
                "label": "Closed Theory",
            },
        ),
        (
            "ben closed",
            {
                "also": (),
                "how": "name",
                "iri": "https://example.org/filters/ben",
                "kind": "author",
                "label": "Ben Closed",
            },
        ),
        (
            "emile godel",
            {
                "also": (),
                "how": "name",
                "iri": "https://example.org/filters/emile",
                "kind": "author",
                "label": "Émile Gödel",
            },
        ),
        (
            "Backprop",
            {
                "also": (
                    "'Convolutional backpropagation' (topic https://example.org/filters/cnn)",
                ),
                "how": "search",
                "iri": "https://example.org/filters/bp",
                "kind": "topic",
                "label": "Backpropagation",
            },
        ),
        (
            "https://example.org/filters/late3",
            {
                "also": (),
                "how": "iri",
                "iri": "https://example.org/filters/late3",
                "kind": "work",
                "label": "Late Derivations",
            },
        ),
        (
            "Foundations",
            {
                "also": (),
                "how": "label",
                "iri": "https://example.org/filters/root",
                "kind": "topic",
                "label": "Foundations",
            },
        ),
        (
            "theorie",
            {
                "also": (),
                "how": "id",
                "iri": "https://example.org/filters/theorie",
                "kind": "work",
                "label": "Théorie de la rétropropagation",
            },
        ),
    ],
)
def test_find(graph, name, found):
    assert asdict(find(graph, name)) == found


@pytest.mark.parametrize(
    ("text", "hits"),
    [
        (
            "backprop",
            [
                {
                    "detail": "topic",
                    "field": "label",
                    "id": "https://example.org/filters/bp",
                    "iri": "https://example.org/filters/bp",
                    "kind": "topic",
                    "label": "Backpropagation",
                    "matched": "",
                    "score": 90,
                },
                {
                    "detail": "topic",
                    "field": "label",
                    "id": "https://example.org/filters/cnn",
                    "iri": "https://example.org/filters/cnn",
                    "kind": "topic",
                    "label": "Convolutional backpropagation",
                    "matched": "",
                    "score": 70,
                },
            ],
        ),
        (
            "godel",
            [
                {
                    "detail": "author",
                    "field": "name",
                    "id": "https://example.org/filters/emile",
                    "iri": "https://example.org/filters/emile",
                    "kind": "author",
                    "label": "Émile Gödel",
                    "matched": "",
                    "score": 70,
                }
            ],
        ),
        (
            "RETROPROPAGATION",
            [
                {
                    "detail": "Émile Gödel, Ann Free (1999)",
                    "field": "title",
                    "id": "https://example.org/filters/theorie",
                    "iri": "https://example.org/filters/theorie",
                    "kind": "work",
                    "label": "Théorie de la rétropropagation",
                    "matched": "",
                    "score": 70,
                }
            ],
        ),
        (
            "closed",
            [
                {
                    "detail": "Ben Closed (2015)",
                    "field": "title",
                    "id": "https://example.org/filters/closed2",
                    "iri": "https://example.org/filters/closed2",
                    "kind": "work",
                    "label": "Closed Theory",
                    "matched": "",
                    "score": 90,
                },
                {
                    "detail": "author",
                    "field": "name",
                    "id": "https://example.org/filters/ben",
                    "iri": "https://example.org/filters/ben",
                    "kind": "author",
                    "label": "Ben Closed",
                    "matched": "",
                    "score": 70,
                },
            ],
        ),
        (
            "open",
            [
                {
                    "detail": "topic",
                    "field": "label",
                    "id": "https://example.org/filters/gap",
                    "iri": "https://example.org/filters/gap",
                    "kind": "topic",
                    "label": "Open problem",
                    "matched": "",
                    "score": 90,
                },
                {
                    "detail": "Ann Free (2010)",
                    "field": "title",
                    "id": "https://example.org/filters/notes5",
                    "iri": "https://example.org/filters/notes5",
                    "kind": "work",
                    "label": "Open Notes",
                    "matched": "",
                    "score": 90,
                },
            ],
        ),
    ],
)
def test_search(graph, text, hits):
    assert search(graph, text) == hits
    assert search(graph, text, limit=1) == hits[:1]


@pytest.mark.parametrize(
    ("text", "resolved"),
    [
        (
            "cnn",
            [
                "https://example.org/filters/cnn",
                "resolved 'cnn' to the topic 'Convolutional backpropagation' "
                "(https://example.org/filters/cnn) by its id",
            ],
        ),
        (
            "closed2",
            [
                "https://example.org/filters/closed2",
                "resolved 'closed2' to the work 'Closed Theory' (https://example.org/filters/closed2) "
                "by its id",
            ],
        ),
        ("Closed Theory", ["https://example.org/filters/closed2", "None"]),
        ("42", ["42", "None"]),
        ("<https://x.org/a>", ["https://x.org/a", "None"]),
    ],
)
def test_resolve_param(graph, text, resolved):
    assert [str(part) for part in resolve_param(graph, text)] == resolved


def test_read_topics(graph):
    assert [asdict(t) for t in read_topics(graph)] == [
        {
            "alt_labels": [],
            "broader": ["https://example.org/filters/root"],
            "definition": None,
            "iri": "https://example.org/filters/bp",
            "label": "Backpropagation",
            "requires": ["https://example.org/filters/calc"],
            "scheme": "https://example.org/filters/scheme",
        },
        {
            "alt_labels": [],
            "broader": ["https://example.org/filters/root"],
            "definition": None,
            "iri": "https://example.org/filters/calc",
            "label": "Calculus",
            "requires": [],
            "scheme": "https://example.org/filters/scheme",
        },
        {
            "alt_labels": [],
            "broader": [],
            "definition": None,
            "iri": "https://example.org/filters/cnn",
            "label": "Convolutional backpropagation",
            "requires": ["https://example.org/filters/bp"],
            "scheme": "https://example.org/filters/scheme",
        },
        {
            "alt_labels": [],
            "broader": [],
            "definition": None,
            "iri": "https://example.org/filters/gap",
            "label": "Open problem",
            "requires": ["https://example.org/filters/bp"],
            "scheme": "https://example.org/filters/scheme",
        },
        {
            "alt_labels": [],
            "broader": [],
            "definition": None,
            "iri": "https://example.org/filters/root",
            "label": "Foundations",
            "requires": [],
            "scheme": "https://example.org/filters/scheme",
        },
    ]


def test_read_coverage(graph):
    assert [asdict(c) for c in read_coverage(graph)] == [
        {
            "depth": "rigorous",
            "depth_rank": 3,
            "exercises": True,
            "iri": "https://example.org/filters/c-closed2-bp",
            "locator": "§4.2",
            "rationale": "theorem with proof",
            "sources": ["https://example.org/closed2/toc"],
            "status": "unverified",
            "topic": "https://example.org/filters/bp",
            "work": "https://example.org/filters/closed2",
        },
        {
            "depth": "rigorous",
            "depth_rank": 3,
            "exercises": False,
            "iri": "https://example.org/filters/c-closed2-calc",
            "locator": "ch. 3",
            "rationale": "states and proves it",
            "sources": ["https://example.org/closed2/toc"],
            "status": "verified",
            "topic": "https://example.org/filters/calc",
            "work": "https://example.org/filters/closed2",
        },
        {
            "depth": "intuition",
            "depth_rank": 1,
            "exercises": False,
            "iri": "https://example.org/filters/c-free1-bp",
            "locator": "ch. 2",
            "rationale": None,
            "sources": ["https://example.org/free1/toc"],
            "status": "verified",
            "topic": "https://example.org/filters/bp",
            "work": "https://example.org/filters/free1",
        },
        {
            "depth": "rigorous",
            "depth_rank": 3,
            "exercises": False,
            "iri": "https://example.org/filters/c-free1-calc",
            "locator": "ch. 1",
            "rationale": "proves the chain rule",
            "sources": ["https://example.org/free1/toc"],
            "status": "verified",
            "topic": "https://example.org/filters/calc",
            "work": "https://example.org/filters/free1",
        },
        {
            "depth": "derivation",
            "depth_rank": 2,
            "exercises": True,
            "iri": "https://example.org/filters/c-late3-bp",
            "locator": "ch. 5",
            "rationale": None,
            "sources": ["https://example.org/late3/toc"],
            "status": "verified",
            "topic": "https://example.org/filters/bp",
            "work": "https://example.org/filters/late3",
        },
        {
            "depth": "derivation",
            "depth_rank": 2,
            "exercises": True,
            "iri": "https://example.org/filters/c-late3-cnn",
            "locator": "ch. 6",
            "rationale": None,
            "sources": ["https://example.org/late3/toc"],
            "status": "verified",
            "topic": "https://example.org/filters/cnn",
            "work": "https://example.org/filters/late3",
        },
        {
            "depth": "derivation",
            "depth_rank": 2,
            "exercises": None,
            "iri": "https://example.org/filters/c-notes5-gap",
            "locator": "§2",
            "rationale": None,
            "sources": ["https://example.org/notes5"],
            "status": "verified",
            "topic": "https://example.org/filters/gap",
            "work": "https://example.org/filters/notes5",
        },
        {
            "depth": "rigorous",
            "depth_rank": 3,
            "exercises": None,
            "iri": "https://example.org/filters/c-paper4-cnn",
            "locator": "whole paper",
            "rationale": "Theorem 1",
            "sources": ["https://example.org/paper4"],
            "status": "verified",
            "topic": "https://example.org/filters/cnn",
            "work": "https://example.org/filters/paper4",
        },
        {
            "depth": "mention",
            "depth_rank": 0,
            "exercises": None,
            "iri": "https://example.org/filters/c-theorie-bp",
            "locator": "§3",
            "rationale": None,
            "sources": ["https://example.org/theorie"],
            "status": "unverified",
            "topic": "https://example.org/filters/bp",
            "work": "https://example.org/filters/theorie",
        },
    ]


def test_read_works(graph):
    assert [asdict(w) for w in read_works(graph)] == [
        {
            "arxiv_id": None,
            "authors": [{"iri": "https://example.org/filters/ben", "name": "Ben Closed"}],
            "comment": None,
            "doi": None,
            "exercises": True,
            "free": False,
            "iri": "https://example.org/filters/closed2",
            "isbn": [],
            "publisher": None,
            "source": None,
            "status": "nn:verified",
            "subtitle": None,
            "title": "Closed Theory",
            "type": "schema:Book",
            "url": None,
            "venue": None,
            "year": 2015,
        },
        {
            "arxiv_id": None,
            "authors": [{"iri": "https://example.org/filters/ann", "name": "Ann Free"}],
            "comment": None,
            "doi": None,
            "exercises": False,
            "free": True,
            "iri": "https://example.org/filters/free1",
            "isbn": [],
            "publisher": None,
            "source": None,
            "status": "nn:verified",
            "subtitle": None,
            "title": "Free Foundations",
            "type": "schema:Book",
            "url": None,
            "venue": None,
            "year": 2005,
        },
        {
            "arxiv_id": None,
            "authors": [
                {"iri": "https://example.org/filters/ben", "name": "Ben Closed"},
                {"iri": "https://example.org/filters/ann", "name": "Ann Free"},
            ],
            "comment": None,
            "doi": None,
            "exercises": True,
            "free": True,
            "iri": "https://example.org/filters/late3",
            "isbn": [],
            "publisher": None,
            "source": None,
            "status": "nn:verified",
            "subtitle": None,
            "title": "Late Derivations",
            "type": "schema:Book",
            "url": None,
            "venue": None,
            "year": 2022,
        },
        {
            "arxiv_id": None,
            "authors": [{"iri": "https://example.org/filters/ann", "name": "Ann Free"}],
            "comment": None,
            "doi": None,
            "exercises": None,
            "free": True,
            "iri": "https://example.org/filters/notes5",
            "isbn": [],
            "publisher": None,
            "source": None,
            "status": "nn:verified",
            "subtitle": None,
            "title": "Open Notes",
            "type": "nn:LectureNotes",
            "url": None,
            "venue": None,
            "year": 2010,
        },
        {
            "arxiv_id": None,
            "authors": [{"iri": "https://example.org/filters/ben", "name": "Ben Closed"}],
            "comment": None,
            "doi": None,
            "exercises": None,
            "free": True,
            "iri": "https://example.org/filters/paper4",
            "isbn": [],
            "publisher": None,
            "source": None,
            "status": "nn:verified",
            "subtitle": None,
            "title": "Convolutions Proved",
            "type": "schema:ScholarlyArticle",
            "url": None,
            "venue": None,
            "year": 2012,
        },
        {
            "arxiv_id": None,
            "authors": [
                {"iri": "https://example.org/filters/emile", "name": "Émile Gödel"},
                {"iri": "https://example.org/filters/ann", "name": "Ann Free"},
            ],
            "comment": None,
            "doi": None,
            "exercises": None,
            "free": None,
            "iri": "https://example.org/filters/theorie",
            "isbn": [],
            "publisher": None,
            "source": None,
            "status": None,
            "subtitle": None,
            "title": "Théorie de la rétropropagation",
            "type": "schema:ScholarlyArticle",
            "url": None,
            "venue": None,
            "year": 1999,
        },
    ]


def test_read_people(graph):
    assert [asdict(p) for p in read_people(graph)] == [
        {"iri": "https://example.org/filters/ann", "name": "Ann Free"},
        {"iri": "https://example.org/filters/ben", "name": "Ben Closed"},
        {"iri": "https://example.org/filters/emile", "name": "Émile Gödel"},
    ]
