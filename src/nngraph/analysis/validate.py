"""Check a graph against nngraph's SHACL shapes and the rules SHACL states badly.

SHACL (run by pySHACL) checks each node on its own: cardinalities, datatypes,
the depth scale, references to undefined topics or works. What it cannot say
well are properties of the whole graph: the prerequisite relation
(``nn:requires``) and the hierarchy (``skos:broader``) must be acyclic, and an
ordered author list must name the same people as ``schema:author``. Those are
checked here with networkx.

Each file is parsed into its own graph first so that every problem can be
reported with the file that holds its focus node.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
import rdflib
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH, SKOS

from nngraph.store.files import bundled_files, expand_paths, new_graph, parse_into, shapes_path
from nngraph.vocab import NN, SCHEMA, compact


@dataclass(frozen=True, order=True)
class Violation:
    """One problem found by ``validate``.

    Attributes:
        file: the file that defines the focus node ("" when unknown).
        focus: the node the problem is about, shortened (``topic:bptt``).
        rule: the rule broken, e.g. ``schema:author MinCount`` or ``nn:requires acyclic``.
        value: the offending value, or "" when the problem is a missing value.
        message: what is wrong and how to fix it.
        severity: ``violation`` (fails validation) or ``warning`` (reported only).
    """

    file: str
    focus: str
    rule: str
    value: str
    message: str
    severity: str = "violation"

    def line(self) -> str:
        """The one-line form printed by the CLI."""
        value = f" value={self.value}" if self.value else ""
        where = self.file or "-"
        return f"{where}: {self.severity}: {self.focus} [{self.rule}]{value}: {self.message}"


def validate(
    paths: Sequence[Path | str] = (),
    *,
    bundled: bool = True,
) -> list[Violation]:
    """Validate the bundled data plus the user's files; return every problem found.

    Args:
        paths: RDF files or folders to check along with the bundled graph.
        bundled: include the bundled data (user files usually refer to its
            topics, so they are checked together); the ontology always is.

    Returns:
        Problems sorted by file and focus node; empty when the graph conforms.

    Raises:
        DataLoadError: a file cannot be parsed at all (nothing to validate).
    """
    sources = bundled_files(data=bundled) + expand_paths(paths)
    union = new_graph("memory")
    origin: dict[rdflib.term.Node, str] = {}
    for path in sources:
        part = new_graph("memory")
        parse_into(part, path)
        shown = _display_path(path)
        for subject in part.subjects(unique=True):
            origin.setdefault(subject, shown)
        union += part
    problems = _shacl_problems(union, origin) + _graph_problems(union, origin)
    return sorted(set(problems))


def _display_path(path: Path) -> str:
    """Paths relative to the working folder when possible: shorter, still clickable."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _shacl_problems(data: rdflib.Graph, origin: dict) -> list[Violation]:
    from pyshacl import validate as shacl_validate  # slow import, only when validating

    shapes = new_graph("memory")
    parse_into(shapes, shapes_path())
    _conforms, report, _text = shacl_validate(
        data, shacl_graph=shapes, inference="none", allow_warnings=True, advanced=True
    )
    problems = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        focus = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        value = report.value(result, SH.value)
        component = report.value(result, SH.sourceConstraintComponent)
        message = report.value(result, SH.resultMessage)
        severity = report.value(result, SH.resultSeverity)
        rule = compact(component).replace("sh:", "").replace("ConstraintComponent", "")
        if path is not None:
            rule = f"{compact(path)} {rule}"
        problems.append(
            Violation(
                file=origin.get(focus, ""),
                focus=compact(focus),
                rule=rule,
                value=compact(value) if value is not None else "",
                message=" ".join(str(message or "").split()),
                severity="warning" if severity in (SH.Warning, SH.Info) else "violation",
            )
        )
    return problems


def _graph_problems(data: rdflib.Graph, origin: dict) -> list[Violation]:
    problems = []
    for predicate, name in ((NN.requires, "prerequisites"), (SKOS.broader, "broader topics")):
        problems += _cycle_problems(data, predicate, name, origin)
    problems += _author_list_problems(data, origin)
    return problems


def _cycle_problems(
    data: rdflib.Graph, predicate: rdflib.URIRef, name: str, origin: dict
) -> list[Violation]:
    """One violation per cycle, reported at its smallest node so output is stable."""
    graph = nx.DiGraph()
    graph.add_edges_from(data.subject_objects(predicate))
    problems = []
    for component in nx.strongly_connected_components(graph):
        members = sorted(component, key=str)
        if len(members) == 1 and not graph.has_edge(members[0], members[0]):
            continue
        start = members[0]
        cycle = nx.find_cycle(graph.subgraph(component), source=start)
        chain = " -> ".join(compact(edge[0]) for edge in cycle) + f" -> {compact(cycle[0][0])}"
        problems.append(
            Violation(
                file=origin.get(start, ""),
                focus=compact(start),
                rule=f"{compact(predicate)} acyclic",
                value=chain,
                message=f"{name} form a cycle; remove one {compact(predicate)} link in it",
            )
        )
    return problems


def _author_list_problems(data: rdflib.Graph, origin: dict) -> list[Violation]:
    problems = []
    for work, head in data.subject_objects(NN.authorList):
        ordered = set(Collection(data, head))
        authors = set(data.objects(work, SCHEMA.author))
        if ordered != authors:
            odd = sorted(compact(p) for p in ordered ^ authors)
            problems.append(
                Violation(
                    file=origin.get(work, ""),
                    focus=compact(work),
                    rule="nn:authorList matches schema:author",
                    value=", ".join(odd),
                    message="nn:authorList and schema:author must name the same people",
                )
            )
    return problems
