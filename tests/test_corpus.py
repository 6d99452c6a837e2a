"""The corpus rules of data/README.md, checked on the bundled data (issue 13).

Each rule is a test that fails when a curator breaks it: the size of the corpus,
claims on every work, editions on every book claim, book-level facts, what
`verified` may rest on, and the search register that records every decision.
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path
from urllib.parse import urlparse

import pytest
from rdflib import URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS

from nngraph.analysis.stats import stats
from nngraph.vocab import NN, SCHEMA, WORK

DATA = Path(__file__).parents[1] / "data"

# Books whose exercises or free access no reachable source settled yet: the value stays
# unknown rather than guessed (data/README.md, "Truth rules"). The list may only shrink.
UNSETTLED_FLAGS = {
    "berlyand2023": {"exercises"},
    "devroye1996": {"free"},
    "du2014": {"exercises"},
    "gurney1997": {"exercises"},
    "hardt2022": {"exercises"},
    "hertz1991": {"exercises"},
    "kneusel2021": {"exercises"},
    "liquet2024": {"exercises"},
    "minsky1969": {"exercises"},
    "nesterov2004": {"exercises"},
    "ripley1996": {"exercises"},
    "rojas1996": {"exercises"},
    "vidyasagar1997": {"exercises"},
    "anthony2001": {"exercises"},
    "huang2022": {"exercises"},
    "mandic2001": {"exercises", "free"},
    "watanabe2009": {"exercises"},
    "ye2022": {"exercises"},
}

# The share of unverified claims is a ratchet: it may only go down (62% after the audit that
# stopped counting text read in third-party copies as verified). The goal is 15%;
# the register of what is missing for each claim is `nngraph query --name unverified-claims`.
MAX_UNVERIFIED_SHARE = 0.63


def lead_hosts() -> list[str]:
    lines = (DATA / "lead-hosts.txt").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def is_lead(url: str, hosts: list[str]) -> bool:
    """True when the URL is on a lead host (or under a lead path like github.com/owner)."""
    parsed = urlparse(url)
    host = (parsed.hostname or "").removeprefix("www.")
    for lead in hosts:
        if "/" in lead:
            if f"{host}{parsed.path}".lower().startswith(lead.lower()):
                return True
        elif host == lead or host.endswith("." + lead):
            return True
    return False


def works(graph) -> dict[URIRef, URIRef]:
    """Every work (editions excluded) with its type."""
    found = {}
    for kind in (
        SCHEMA.Book,
        SCHEMA.ScholarlyArticle,
        SCHEMA.Report,
        SCHEMA.Thesis,
        NN.LectureNotes,
    ):
        for work in graph.subjects(RDF.type, kind):
            if (work, SCHEMA.exampleOfWork, None) not in graph and str(work).startswith(str(WORK)):
                found[work] = kind
    return found


def test_the_lead_host_rule_can_tell():
    hosts = lead_hosts()
    assert is_lead("https://issuu.com/someone/docs/book", hosts)
    assert is_lead("https://www.scribd.com/document/1", hosts)
    assert is_lead("https://github.com/exacity/deeplearningbook-chinese", hosts)
    assert not is_lead("https://github.com/d2l-ai/d2l-en", hosts)
    assert not is_lead("https://www.deeplearningbook.org/contents/mlp.html", hosts)
    assert not is_lead("https://arxiv.org/abs/2407.18384", hosts)


def test_scope(bundled_store):
    numbers = stats(bundled_store)
    books = [w for w, kind in works(bundled_store).items() if kind == SCHEMA.Book]
    assert numbers["works"] >= 110
    assert len(books) >= 55
    assert numbers["topics"] >= 120
    assert numbers["coverage"] >= 1000


def test_stats_count_works_not_editions(bundled_store):
    editions = set(bundled_store.subjects(SCHEMA.exampleOfWork, None))
    assert len(editions) >= 55
    assert stats(bundled_store)["works"] == len(works(bundled_store))


def test_no_work_without_claims(bundled_store):
    claimed = set(bundled_store.objects(None, NN.work))
    assert sorted(str(w) for w in works(bundled_store) if w not in claimed) == []


def test_every_book_states_exercises_and_free_access(bundled_store):
    missing = {}
    for work, kind in works(bundled_store).items():
        if kind != SCHEMA.Book:
            continue
        gaps = set()
        if bundled_store.value(work, NN.hasExercises) is None:
            gaps.add("exercises")
        if bundled_store.value(work, SCHEMA.isAccessibleForFree) is None:
            gaps.add("free")
        if gaps:
            missing[str(work)[len(str(WORK)) :]] = gaps
    for work, gaps in missing.items():
        assert gaps <= UNSETTLED_FLAGS.get(work, set()), (work, gaps)


def test_every_claim_on_a_book_names_an_edition_of_it(bundled_store):
    books = {w for w, kind in works(bundled_store).items() if kind == SCHEMA.Book}
    wrong = []
    for claim in bundled_store.subjects(RDF.type, NN.Coverage):
        work = bundled_store.value(claim, NN.work)
        if work not in books:
            continue
        edition = bundled_store.value(claim, NN.edition)
        if edition is None or (edition, SCHEMA.exampleOfWork, work) not in bundled_store:
            wrong.append(str(claim))
    assert wrong == []


def test_every_edition_is_listed_by_its_work(bundled_store):
    for edition, work in bundled_store.subject_objects(SCHEMA.exampleOfWork):
        assert (work, SCHEMA.workExample, edition) in bundled_store, edition
        assert bundled_store.value(edition, SCHEMA.bookEdition) is not None, edition


def test_verified_claims_rest_on_more_than_leads(bundled_store):
    hosts = lead_hosts()
    leaning = []
    for claim in bundled_store.subjects(NN.status, NN.verified):
        if (claim, RDF.type, NN.Coverage) not in bundled_store:
            continue
        sources = [str(s) for s in bundled_store.objects(claim, DCTERMS.source)]
        if all(is_lead(s, hosts) for s in sources):
            leaning.append(str(claim))
    assert leaning == []


def test_unverified_claims_say_what_is_missing(bundled_store):
    silent = [
        str(c)
        for c in bundled_store.subjects(NN.status, NN.unverified)
        if (c, RDF.type, NN.Coverage) in bundled_store
        and not str(bundled_store.value(c, RDFS.comment) or "").strip()
    ]
    assert silent == []


def test_unverified_share_only_goes_down(bundled_store):
    claims = set(bundled_store.subjects(RDF.type, NN.Coverage))
    unverified = {c for c in claims if (c, NN.status, NN.unverified) in bundled_store}
    assert len(unverified) / len(claims) <= MAX_UNVERIFIED_SHARE


def register() -> list[dict[str, str]]:
    with (DATA / "candidates.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_register_decides_every_candidate_with_a_reason():
    rows = register()
    assert len(rows) >= 150
    assert list(rows[0]) == [
        "id",
        "title",
        "authors",
        "year",
        "kind",
        "found_in",
        "decision",
        "reason",
    ]
    for row in rows:
        assert row["decision"] in ("included", "excluded"), row["id"]
        assert row["reason"].strip(), row["id"]
        assert row["title"].strip() and row["found_in"].strip(), row["id"]
    duplicates = [i for i, n in Counter(r["id"] for r in rows).items() if n > 1]
    assert duplicates == []


def test_register_includes_exactly_the_corpus():
    included = {r["id"] for r in register() if r["decision"] == "included"}
    files = {p.stem for p in (DATA / "works").glob("*.ttl")}
    assert sorted(files - included) == []
    assert sorted(included - files) == []


@pytest.mark.parametrize(
    "heading", ["Question", "Eligibility", "Sources", "Selection", "Flow", "repeat"]
)
def test_search_protocol_is_written_down(heading):
    text = (DATA / "SEARCH.md").read_text(encoding="utf-8")
    assert any(
        line.startswith("#") and heading.lower() in line.lower() for line in text.splitlines()
    )
