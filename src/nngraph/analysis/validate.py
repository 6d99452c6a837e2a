"""Check a graph against nngraph's SHACL shapes and the rules SHACL states badly.

SHACL checks each node on its own: cardinalities, datatypes, the depth scale,
references to undefined topics or works. The shapes run compiled to SPARQL on
Oxigraph (``nngraph.analysis.shacl``), or on pySHACL, the reference engine. What it cannot say
well are properties of the whole graph: the prerequisite relation
(``nn:requires``) and the hierarchy (``skos:broader``) must be acyclic, and an
ordered author list must name the same people as ``schema:author``. Those are
checked here with networkx.

Each file is loaded into its own named graph so that every problem can be
reported with the file that holds its focus node, and a user's file can be
checked in the context of the bundled data without the bundled data being
reported on.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
import pyoxigraph
import rdflib
from rdflib.namespace import RDF, SH, SKOS, XSD

from nngraph.store.files import (
    bundled_files,
    bundled_root,
    check_readable,
    expand_paths,
    load_into_oxigraph,
    new_graph,
    parse_into,
    shapes_path,
)
from nngraph.store.oxigraph_bridge import from_ox
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
    engine: str = "sparql",
) -> list[Violation]:
    """Validate files in the context of the bundled ontology and topics; return every problem.

    With ``paths``, only problems about nodes those files define are reported:
    the bundled ontology and topics (and, unless ``bundled`` is False, the
    bundled works, people and claims) are there so that references to them
    resolve, not to be checked again. Without ``paths`` the whole loaded graph
    is checked.

    Args:
        paths: RDF files or folders to check.
        bundled: include the bundled works, people and claims as context (or,
            without ``paths``, as the data to check); the ontology and the
            bundled topics always are.
        engine: ``sparql`` runs the shapes compiled to SPARQL on Oxigraph (fast;
            falls back to pySHACL for shapes it cannot compile); ``pyshacl``
            runs pySHACL itself, the reference implementation.

    Returns:
        Problems sorted by file and focus node; empty when the files conform.

    Raises:
        DataLoadError: a file cannot be parsed at all (nothing to validate).
    """
    checked = expand_paths(paths)
    context = bundled_files(data=bundled)
    topics = bundled_root() / "data" / "topics.ttl"
    if not bundled and topics.is_file():
        context.append(topics)
    store, graphs = _load_named(context, checked)
    origin = _origins(store, graphs, checked)
    if engine == "pyshacl":
        shown = {_display_path(path) for path in checked}
        focus = [n for n, f in origin.items() if f in shown and isinstance(n, rdflib.URIRef)]
        shacl = _shacl_problems(_as_rdflib(store), origin, focus=focus if checked else None)
    else:
        shacl = _compiled_problems(store, origin)
    problems = shacl + _graph_problems(store, origin)
    if checked:
        shown = {_display_path(path) for path in checked}
        problems = [p for p in problems if p.file in shown]
    return sorted(set(problems))


def _load_named(
    context: list[Path], checked: list[Path]
) -> tuple[pyoxigraph.Store, dict[str, Path]]:
    """Each file in its own named graph (its file: IRI) of one in-memory Oxigraph store."""
    store = pyoxigraph.Store()
    graphs: dict[str, Path] = {}
    for path in [*context, *checked]:
        name = path.resolve().as_uri()
        if name in graphs:
            continue
        graphs[name] = path
        check_readable(path, utf8=False)
        part = pyoxigraph.Store()
        load_into_oxigraph(part, path)
        graph = pyoxigraph.NamedNode(name)
        store.extend(pyoxigraph.Quad(q.subject, q.predicate, q.object, graph) for q in part)
    return store, graphs


def _origins(
    store: pyoxigraph.Store, graphs: dict[str, Path], checked: list[Path]
) -> dict[rdflib.term.Node, str]:
    """The file shown for each subject: a checked file that states it, else the first file."""
    preferred = {path.resolve().as_uri() for path in checked}
    order = {name: i for i, name in enumerate(graphs)}
    origin: dict[rdflib.term.Node, tuple[int, str]] = {}
    for solution in store.query("SELECT DISTINCT ?s ?g WHERE { GRAPH ?g { ?s ?p ?o } }"):
        subject, name = from_ox(solution["s"]), solution["g"].value
        rank = (0 if name in preferred else 1, order[name])
        if subject not in origin or rank < origin[subject][0]:
            origin[subject] = (rank, name)  # type: ignore[assignment]
    return {s: _display_path(graphs[name]) for s, (_rank, name) in origin.items()}


def _as_rdflib(store: pyoxigraph.Store) -> rdflib.Graph:
    """The union of the files as an rdflib memory graph (what pySHACL reads)."""
    graph = new_graph("memory")
    graph.addN(
        (from_ox(q.subject), from_ox(q.predicate), _plain(from_ox(q.object)), graph) for q in store
    )
    return graph


def _plain(term: rdflib.term.Node) -> rdflib.term.Node:
    """Simple literals without their implicit xsd:string, as rdflib's own parsers give them."""
    if isinstance(term, rdflib.Literal) and term.datatype == XSD.string:
        return rdflib.Literal(str(term))
    return term


def _compiled_problems(store: pyoxigraph.Store, origin: dict) -> list[Violation]:
    from nngraph.analysis.shacl import Unsupported, compile_shapes, run_checks

    shapes = new_graph("memory")
    parse_into(shapes, shapes_path())
    try:
        checks = compile_shapes(shapes)
    except Unsupported:
        return _shacl_problems(_as_rdflib(store), origin)
    return [
        _violation(origin, r.focus, r.path, r.value, r.component, r.message, r.severity)
        for r in run_checks(store, checks)
    ]


def _violation(
    origin: dict,
    focus: rdflib.term.Node,
    path: rdflib.term.Node | None,
    value: rdflib.term.Node | None,
    component: str,
    message: str,
    severity: rdflib.term.Node | None,
) -> Violation:
    rule = component if path is None else f"{compact(path)} {component}"
    return Violation(
        file=origin.get(focus, ""),
        focus=compact(focus),
        rule=rule,
        value=compact(value) if value is not None else "",
        message=" ".join(message.split()),
        severity="warning" if severity in (SH.Warning, SH.Info) else "violation",
    )


def _display_path(path: Path) -> str:
    """Paths relative to the working folder when possible: shorter, still clickable."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _shacl_problems(
    data: rdflib.Graph, origin: dict, *, focus: list[rdflib.URIRef] | None = None
) -> list[Violation]:
    """pySHACL's report as Violations; ``focus`` limits it to those nodes (faster)."""
    from pyshacl import validate as shacl_validate  # slow import, only when validating

    if focus is not None and not focus:
        return []
    shapes = new_graph("memory")
    parse_into(shapes, shapes_path())
    _conforms, report, _text = shacl_validate(
        data,
        shacl_graph=shapes,
        inference="none",
        allow_warnings=True,
        advanced=True,
        focus_nodes=focus,
    )
    problems = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        component = report.value(result, SH.sourceConstraintComponent)
        problems.append(
            _violation(
                origin,
                report.value(result, SH.focusNode),
                report.value(result, SH.resultPath),
                report.value(result, SH.value),
                compact(component).replace("sh:", "").replace("ConstraintComponent", ""),
                str(report.value(result, SH.resultMessage) or ""),
                report.value(result, SH.resultSeverity),
            )
        )
    return problems


def _graph_problems(store: pyoxigraph.Store, origin: dict) -> list[Violation]:
    problems = []
    for predicate, name in ((NN.requires, "prerequisites"), (SKOS.broader, "broader topics")):
        problems += _cycle_problems(store, predicate, name, origin)
    problems += _author_list_problems(store, origin)
    return problems


def _pairs(store: pyoxigraph.Store, query: str) -> list[tuple[rdflib.term.Node, rdflib.term.Node]]:
    solutions = store.query(query, use_default_graph_as_union=True)
    return [(from_ox(row[0]), from_ox(row[1])) for row in solutions]


def _cycle_problems(
    store: pyoxigraph.Store, predicate: rdflib.URIRef, name: str, origin: dict
) -> list[Violation]:
    """One violation per cycle, reported at its smallest node so output is stable."""
    graph = nx.DiGraph()
    graph.add_edges_from(_pairs(store, f"SELECT DISTINCT ?s ?o WHERE {{ ?s <{predicate}> ?o }}"))
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


def _author_list_problems(store: pyoxigraph.Store, origin: dict) -> list[Violation]:
    ordered: dict[rdflib.term.Node, set] = {}
    listed = f"?work <{NN.authorList}>/<{RDF.rest}>*/<{RDF.first}> ?person"
    for work, person in _pairs(store, f"SELECT DISTINCT ?work ?person WHERE {{ {listed} }}"):
        ordered.setdefault(work, set()).add(person)
    authors: dict[rdflib.term.Node, set] = {}
    query = (
        f"SELECT DISTINCT ?work ?person WHERE {{ ?work <{NN.authorList}> ?list . "
        f"?work <{SCHEMA.author}> ?person }}"
    )
    for work, person in _pairs(store, query):
        authors.setdefault(work, set()).add(person)
    problems = []
    for work in sorted(set(ordered) | {w for w, _ in _pairs(store, _HEADS)}, key=str):
        odd = sorted(compact(p) for p in ordered.get(work, set()) ^ authors.get(work, set()))
        if odd:
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


_HEADS = f"SELECT DISTINCT ?work ?list WHERE {{ ?work <{NN.authorList}> ?list }}"
