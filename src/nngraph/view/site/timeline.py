"""The timeline of rigour as a chart: a Vega-Lite spec rendered offline to inline SVG.

vl-convert-python bundles the Vega and Vega-Lite engines with a JavaScript
runtime, so the chart is drawn at build time without the network and the page
holds a plain ``<svg>``: no script runs to show it.
"""

from __future__ import annotations

import re
from typing import Any

from markupsafe import Markup

from nngraph.vocab import DEPTHS

COLOURS = {
    "mention": "#8c8c8c",
    "intuition": "#6baed6",
    "derivation": "#2171b5",
    "rigorous": "#08306b",
}

# The SPARQL that gives the chart's points.
QUERY = """PREFIX nn: <https://w3id.org/nngraph/ns#>
PREFIX schema: <https://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
# For each topic and depth: the first year a work treats the topic at that depth or deeper.
SELECT ?topic ?label ?depth (MIN(?year) AS ?first) WHERE {
  ?depth a nn:Depth ; nn:rank ?least .
  ?coverage a nn:Coverage ; nn:topic ?topic ; nn:work ?work ; nn:depth/nn:rank ?rank .
  FILTER (?rank >= ?least)
  ?work schema:datePublished ?published .
  BIND (xsd:integer(SUBSTR(STR(?published), 1, 4)) AS ?year)
  ?topic skos:prefLabel ?label .
}
GROUP BY ?topic ?label ?depth
ORDER BY ?label ?depth"""


def spec(rows: list[dict[str, Any]], *, now: int) -> dict[str, Any]:
    """The Vega-Lite spec: one line per topic from its first treatment to its first
    rigorous one (or to ``now``, dashed, while it waits), and a point per depth."""
    order = [r["label"] for r in rows]
    points = [
        {"topic": r["label"], "depth": depth, "year": r[depth]}
        for r in rows
        for depth in DEPTHS
        if r[depth] is not None
    ]
    spans = []
    for r in rows:
        years = [r[d] for d in DEPTHS if r[d] is not None]
        if years:
            waiting = r["rigorous"] is None
            spans.append(
                {
                    "topic": r["label"],
                    "start": min(years),
                    "end": now if waiting else r["rigorous"],
                    "state": "still waiting" if waiting else "reached rigour",
                }
            )
    y = {
        "field": "topic",
        "type": "nominal",
        "sort": order,
        "title": None,
        "axis": {"labelLimit": 260},
    }
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "width": 560,
        "height": {"step": 16},
        "config": {"font": "sans-serif", "view": {"stroke": None}},
        "layer": [
            {
                "data": {"values": spans},
                "mark": {"type": "rule", "strokeWidth": 2},
                "encoding": {
                    "y": y,
                    "x": {
                        "field": "start",
                        "type": "quantitative",
                        "title": "year",
                        "scale": {"zero": False},
                        "axis": {"format": "d"},
                    },
                    "x2": {"field": "end"},
                    "strokeDash": {
                        "field": "state",
                        "type": "nominal",
                        "title": None,
                        "scale": {
                            "domain": ["reached rigour", "still waiting"],
                            "range": [[1, 0], [4, 3]],
                        },
                    },
                    "color": {"value": "#bbbbbb"},
                },
            },
            {
                "data": {"values": points},
                "mark": {"type": "point", "filled": True, "size": 60},
                "encoding": {
                    "y": y,
                    "x": {"field": "year", "type": "quantitative"},
                    "color": {
                        "field": "depth",
                        "type": "nominal",
                        "title": "first treatment",
                        "scale": {"domain": list(DEPTHS), "range": [COLOURS[d] for d in DEPTHS]},
                    },
                    "shape": {
                        "field": "depth",
                        "type": "nominal",
                        "scale": {
                            "domain": list(DEPTHS),
                            "range": ["circle", "square", "triangle-up", "diamond"],
                        },
                    },
                },
            },
        ],
    }


def render_svg(chart: dict[str, Any]) -> Markup:
    """The chart as an inline ``<svg>`` element (an accessible image with a title)."""
    import vl_convert

    svg = vl_convert.vegalite_to_svg(chart)
    svg = re.sub(r"^<\?xml[^>]*>\s*", "", svg)
    svg = svg.replace(
        "<svg ",
        '<svg role="img" aria-labelledby="timeline-title" ',
        1,
    )
    svg = re.sub(
        r"(<svg[^>]*>)",
        r'\1<title id="timeline-title">Timeline of rigour: the first treatment of each topic'
        r" at each depth</title>",
        svg,
        count=1,
    )
    return Markup(svg)
