"""Counts that describe a graph at a glance: works, authors, topics, coverage, recommendations.

All counting happens in SPARQL so it works the same on a remote endpoint.
"""

from __future__ import annotations

from typing import Any

import rdflib

from nngraph.query.run import run_query, to_python
from nngraph.vocab import compact

_TOTALS = """
SELECT
  (COUNT(DISTINCT ?work) AS ?works)
  (COUNT(DISTINCT ?author) AS ?authors)
  WHERE {
    ?work a ?type .
    ?type rdfs:subClassOf* schema:CreativeWork .
    FILTER NOT EXISTS { ?work schema:exampleOfWork ?workOfEdition }
    OPTIONAL { ?work schema:author ?author }
  }
"""

_WORKS_BY_TYPE = """
SELECT ?type (COUNT(DISTINCT ?work) AS ?n) WHERE {
  ?work a ?type .
  ?type rdfs:subClassOf* schema:CreativeWork .
  FILTER NOT EXISTS { ?work schema:exampleOfWork ?workOfEdition }
} GROUP BY ?type ORDER BY ?type
"""

_COVERAGE_BY_DEPTH = """
SELECT ?depth ?rank (COUNT(?coverage) AS ?n) WHERE {
  ?coverage a nn:Coverage ; nn:depth ?depth .
  OPTIONAL { ?depth nn:rank ?rank }
} GROUP BY ?depth ?rank ORDER BY ?rank ?depth
"""

_SIMPLE_COUNTS = """
SELECT
  (SUM(IF(?kind = "topic", 1, 0)) AS ?topics)
  (SUM(IF(?kind = "coverage", 1, 0)) AS ?coverage)
  (SUM(IF(?kind = "recommendation", 1, 0)) AS ?recommendations)
  (SUM(IF(?kind = "person", 1, 0)) AS ?people)
WHERE {
  { ?x a skos:Concept . BIND("topic" AS ?kind) }
  UNION { ?x a nn:Coverage . BIND("coverage" AS ?kind) }
  UNION { ?x a nn:Recommendation . BIND("recommendation" AS ?kind) }
  UNION { ?x a schema:Person . BIND("person" AS ?kind) }
}
"""


def stats(graph: rdflib.Graph) -> dict[str, Any]:
    """Count what the graph holds.

    Returns:
        ``works``, ``authors``, ``topics``, ``coverage``, ``recommendations`` and
        ``people`` as integers; ``works_by_type`` (type -> count, types as CURIEs,
        a work with two types counted under each) and ``coverage_by_depth``
        (depth name -> count, in scale order).
    """
    totals = run_query(graph, _TOTALS).values()[0]
    simple = run_query(graph, _SIMPLE_COUNTS).values()[0]
    by_type = {
        compact(row["type"]): int(to_python(row["n"]))
        for row in run_query(graph, _WORKS_BY_TYPE).rows
    }
    by_depth = {
        compact(row["depth"]).removeprefix("nn:"): int(to_python(row["n"]))
        for row in run_query(graph, _COVERAGE_BY_DEPTH).rows
    }
    return {
        "works": int(totals["works"]),
        "authors": int(totals["authors"]),
        "topics": int(simple["topics"] or 0),
        "coverage": int(simple["coverage"] or 0),
        "recommendations": int(simple["recommendations"] or 0),
        "people": int(simple["people"] or 0),
        "works_by_type": by_type,
        "coverage_by_depth": by_depth,
    }
