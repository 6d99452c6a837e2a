"""The bundled data meets its scope and its truth rules."""

import json

import rdflib
from rdflib.namespace import DCTERMS, RDF, SKOS

from nngraph.analysis.stats import stats
from nngraph.analysis.validate import Violation
from nngraph.vocab import NN, SCHEMA, WORK

SEED_WORKS = ["goodfellow2016", "chong1996", "strang2019", "anthony1999", "fong2017", "bishop2006"]


def test_scope_numbers(bundled_store):
    numbers = stats(bundled_store)
    assert numbers["works"] >= 110
    assert numbers["topics"] >= 120
    assert numbers["coverage"] >= 1000
    assert numbers["recommendations"] == 5


def test_bundled_data_has_no_violations(bundled_validation):
    problems = [Violation(**p) for p in json.loads(bundled_validation.stdout)]
    assert [p.line() for p in problems if p.severity == "violation"] == []


def test_every_claim_has_source_locator_and_status(bundled_store):
    claims = set(bundled_store.subjects(RDF.type, NN.Coverage))
    assert len(claims) >= 400
    for claim in claims:
        assert bundled_store.value(claim, DCTERMS.source) is not None, claim
        assert str(bundled_store.value(claim, NN.locator) or "").strip(), claim
        assert bundled_store.value(claim, NN.status) in (NN.verified, NN.unverified), claim
        if bundled_store.value(claim, NN.depth) == NN.rigorous:
            assert str(bundled_store.value(claim, NN.rationale) or "").strip(), claim


def test_every_work_cites_where_it_was_checked(bundled_store):
    for kind in (SCHEMA.Book, SCHEMA.ScholarlyArticle, NN.LectureNotes):
        for work in bundled_store.subjects(RDF.type, kind):
            assert bundled_store.value(work, DCTERMS.source) is not None, work
            if (work, SCHEMA.exampleOfWork, None) in bundled_store:
                continue  # an edition: its work carries the status
            assert bundled_store.value(work, NN.status) in (NN.verified, NN.unverified), work


def test_seed_works_and_topics_are_present(bundled_store):
    for work in SEED_WORKS:
        assert (WORK[work], SCHEMA.name, None) in bundled_store, work
    labels = {str(o) for o in bundled_store.objects(None, SKOS.prefLabel)}
    assert {
        "Backpropagation in convolutional networks",
        "Backpropagation through time",
        "Universal approximation theorem",
        "VC dimension",
    } <= labels


def test_seed_claim_and_caveats_are_data(bundled_store):
    caveats = {str(c) for c in bundled_store.objects(None, NN.caveat)}
    assert any("exercises" in c.lower() for c in caveats)
    claim = next(bundled_store.subjects(RDF.type, NN.GapClaim))
    topics = set(bundled_store.objects(claim, NN.aboutTopic))
    assert rdflib.URIRef("https://w3id.org/nngraph/topic/bptt") in topics
