"""BibTeX import: read a ``.bib`` file as works and authors of the nngraph ontology.

Import reads BibTeX as Zotero, Google Scholar, arXiv and hand-kept files have
it. bibtexparser 2 splits the file into entries (and reports the ones it cannot
parse, with their line); names are split on ``and`` and into their parts by
bibtexparser's name functions *before* LaTeX is decoded, so that braces still
protect corporate authors (``{OpenAI}``); pylatexenc then decodes accents and
drops the braces (``Mart{\\'\\i}n`` -> ``Martín``). Identifiers (DOI, URL,
eprint) are never LaTeX-decoded: ``%`` and ``_`` are ordinary characters there.

Every imported work is ``nn:status nn:unverified``: a curator checks it, then
adds coverage claims. Entries that are already in the graph (same DOI, ISBN or
arXiv id, or the same normalised title and year) are skipped and reported.

Writing works as BibTeX is :mod:`nngraph.interop.bibtex_write`; both directions share
the record :class:`nngraph.works.Work`. The duplicate check is
:mod:`nngraph.interop.import_index`, the normal forms it compares :mod:`nngraph.interop.normalise`.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import rdflib
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, RDF, XSD

from nngraph.errors import DataLoadError
from nngraph.interop.bibtex_write import bibtex_name, to_bibtex
from nngraph.interop.import_index import ImportIndex
from nngraph.interop.normalise import (
    ascii_fold,
    isbn13,
    normal_arxiv,
    normal_doi,
    normal_isbn,
    normal_title,
    slug,
)
from nngraph.records.works import Person, Work
from nngraph.vocab import NN, PREFIXES, SCHEMA, WORK

# The writer (bibtex_write) and the normal forms (normalise) lived here; listing them
# keeps them importable from nngraph.bibtex.
__all__ = [
    "ENTRY_TYPES",
    "ImportResult",
    "Note",
    "Skipped",
    "ascii_fold",
    "bibtex_name",
    "import_bibtex",
    "isbn13",
    "normal_arxiv",
    "normal_doi",
    "normal_isbn",
    "normal_title",
    "slug",
    "to_bibtex",
]

# ---------------------------------------------------------------- import


@dataclass(frozen=True)
class Skipped:
    """An entry that was not imported, and why.

    Attributes:
        key: the BibTeX entry key ("" when the entry was too broken to have one).
        line: the 1-based line where the entry starts.
        reason: what was wrong, or which work it duplicates.
    """

    key: str
    line: int
    reason: str


@dataclass(frozen=True)
class Note:
    """Something dropped or guessed while importing an entry that was imported."""

    key: str
    line: int
    message: str


@dataclass
class ImportResult:
    """What ``import_bibtex`` produced.

    Attributes:
        source: the .bib file.
        works: the works written, in file order.
        skipped: entries not imported, with reasons (duplicates, broken entries).
        notes: values dropped from imported entries (a malformed ISBN, "and others").
        graph: the new triples (works and their authors).
        output: the file written, when one was named.
    """

    source: Path
    works: list[Work] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    graph: rdflib.Graph = field(default_factory=rdflib.Graph, repr=False)
    output: Path | None = None

    def turtle(self) -> str:
        """The imported works as Turtle, ready for a curator to add coverage."""
        return _turtle(self.graph, self.source)

    def report(self) -> list[str]:
        """One line per skipped entry and per note, in file order: ``FILE:LINE: key: message``."""
        lines = [(s.line, f"{s.key or '?'}: skipped: {s.reason}") for s in self.skipped]
        lines += [(n.line, f"{n.key}: note: {n.message}") for n in self.notes]
        return [f"{self.source}:{line}: {text}" for line, text in sorted(lines)]


# BibTeX entry type -> work class.  @misc is an arXiv preprint when it has an
# arXiv id, otherwise material its authors published themselves.
ENTRY_TYPES = {
    "book": "schema:Book",
    "booklet": "schema:Book",
    "mvbook": "schema:Book",
    "article": "schema:ScholarlyArticle",
    "inproceedings": "schema:ScholarlyArticle",
    "conference": "schema:ScholarlyArticle",
    "incollection": "schema:Chapter",
    "inbook": "schema:Chapter",
    "phdthesis": "schema:Thesis",
    "mastersthesis": "schema:Thesis",
    "thesis": "schema:Thesis",
    "techreport": "schema:Report",
    "report": "schema:Report",
    "unpublished": "nn:LectureNotes",
    "manual": "nn:LectureNotes",
    "online": "nn:LectureNotes",
    "misc": "nn:LectureNotes",
}


def import_bibtex(
    source: Path | str,
    *,
    graph: rdflib.Graph | None = None,
    output: Path | str | None = None,
    force: bool = False,
) -> ImportResult:
    """Read a BibTeX file into works and authors of the nngraph ontology.

    Args:
        source: the ``.bib`` file (UTF-8).
        graph: the graph to check for duplicates and to reuse authors from
            (usually ``nngraph.load()``); None checks against nothing.
        output: write the new works there as Turtle (atomically).
        force: overwrite ``output`` if it exists.

    Returns:
        The works imported, the entries skipped (with line and reason) and the new triples.

    Raises:
        DataLoadError: the file is missing, not UTF-8, or holds no entry at all.
        OutputExistsError: ``output`` exists and ``force`` is False (checked before parsing).
    """
    from nngraph.errors import OutputExistsError

    path = Path(source)
    if output is not None and Path(output).exists() and not force:
        raise OutputExistsError(output)
    text = _read_text(path)
    library = _parse(text, path)
    result = ImportResult(source=path)
    index = ImportIndex(graph)
    for block in library.blocks:
        _import_block(block, path, index, result)
    if not result.works and not result.skipped:
        raise DataLoadError(path, "no BibTeX entry found (entries start with @book{, @article{ …)")
    result.graph = _works_graph(result.works)
    if output is not None:
        from nngraph.output import write_atomic

        result.output = write_atomic(output, result.turtle(), force=force)
    return result


def _read_text(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise DataLoadError(path, error.strerror or str(error)) from error
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise DataLoadError(path, "file is not UTF-8 text; re-save it as UTF-8", line) from error


@contextmanager
def _quiet(*names: str) -> Iterator[None]:
    """Silence libraries that log parse problems: we report them ourselves, once."""
    loggers = [logging.getLogger(name) for name in names]
    before = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL + 1)  # children inherit it: the library logs per module
    try:
        yield
    finally:
        for logger, level in zip(loggers, before, strict=True):
            logger.setLevel(level)


def _parse(text: str, path: Path):  # -> bibtexparser.Library
    import bibtexparser

    with _quiet("bibtexparser"):
        try:
            return bibtexparser.parse_string(text)
        except Exception as error:  # the parser's own invalid-state bugs: report, don't crash
            message = " ".join(str(getattr(error, "message", error)).split())
            raise DataLoadError(path, f"BibTeX parser failed: {message}") from error


def _latex(text: str) -> str:
    """Decode LaTeX to Unicode text, braces dropped, whitespace collapsed."""
    from pylatexenc.latex2text import LatexNodes2Text

    with _quiet("pylatexenc"):
        decoded = LatexNodes2Text(math_mode="text").latex_to_text(text)
    return " ".join(decoded.replace("\xa0", " ").split())


def _bare(text: str) -> str:
    r"""An identifier without braces, ``\url{}`` or surrounding space (never LaTeX-decoded)."""
    text = re.sub(r"\\url\s*\{([^}]*)\}", r"\1", text)
    return text.replace("{", "").replace("}", "").replace("\\_", "_").strip()


def _import_block(block: object, path: Path, index: ImportIndex, result: ImportResult) -> None:
    from bibtexparser.model import DuplicateBlockKeyBlock, Entry, ParsingFailedBlock

    line = (getattr(block, "start_line", 0) or 0) + 1  # bibtexparser counts from 0
    if isinstance(block, DuplicateBlockKeyBlock):
        result.skipped.append(Skipped(block.key, line, f"duplicate entry key {block.key!r}"))
        return
    if isinstance(block, ParsingFailedBlock):
        error = block.error
        message = " ".join(str(getattr(error, "abort_reason", "") or error).split())
        key = _guess_key(block.raw or "")
        result.skipped.append(Skipped(key, line, f"malformed entry: {message or 'syntax error'}"))
        return
    if not isinstance(block, Entry):
        return  # @comment, @preamble, @string, text between entries
    notes: list[str] = []
    found = _entry_work(block, path, index, notes)
    if isinstance(found, str):
        result.skipped.append(Skipped(block.key, line, found))
        return
    work, family = found
    duplicate = index.duplicate_of(work)
    if duplicate:
        result.skipped.append(Skipped(block.key, line, f"already in the graph: {duplicate}"))
        return
    base = re.sub(r"[^a-z0-9]", "", ascii_fold(family).lower()) or "anon"
    work.iri = str(WORK[index.work_id(f"{base}{work.year}")])
    index.add(work)
    result.works.append(work)
    result.notes.extend(Note(block.key, line, message) for message in notes)


def _guess_key(raw: str) -> str:
    match = re.match(r"\s*@\s*\w+\s*[{(]\s*([^,\s=]+)\s*,", raw)
    return match.group(1) if match else ""


def _entry_work(
    entry: object, path: Path, index: ImportIndex, notes: list[str]
) -> tuple[Work, str] | str:
    """The work an entry describes and its first author's family name, or why it cannot be."""
    fields = {f.key.lower(): str(f.value) for f in entry.fields}  # type: ignore[attr-defined]
    kind = entry.entry_type.lower()  # type: ignore[attr-defined]
    title = _latex(fields.get("title", ""))
    if not title:
        return "no title"
    year = _year(fields)
    if year is None:
        return "no year (add year = {YYYY})"
    people = fields.get("author") or fields.get("editor") or ""
    named = _people(people, index, notes)
    authors = [person for person, _ in named]
    if not authors:
        return "no author (add author = {Family, Given and …})"
    arxiv = _arxiv(fields)
    work_type = ENTRY_TYPES.get(kind, "nn:LectureNotes")
    if kind in ("misc", "online") and arxiv:
        work_type = "schema:ScholarlyArticle"
    if kind not in ENTRY_TYPES:
        notes.append(f"unknown entry type @{kind}; imported as {work_type}")
    work = Work(iri="", type=work_type, title=title, authors=authors, year=year, arxiv_id=arxiv)
    if fields.get("subtitle"):
        work.subtitle = _latex(fields["subtitle"]) or None
    publisher = fields.get("publisher") or fields.get("school") or fields.get("institution")
    work.publisher = _latex(publisher) if publisher else None
    venue = fields.get("journal") or fields.get("journaltitle") or fields.get("booktitle")
    if venue and not re.search(r"(?i)\barxiv:\s*\S", venue):  # Google Scholar's arXiv stub
        work.venue = _latex(venue)
    for raw in re.split(r"[,;]|\s(?=\d)", fields.get("isbn", "")):
        if not raw.strip():
            continue
        isbn = normal_isbn(raw)
        if isbn is None:
            notes.append(f"ignored malformed ISBN {raw.strip()!r}")
        elif isbn not in work.isbn:
            work.isbn.append(isbn)  # as written (less hyphens); duplicates compare as ISBN-13
    work.isbn.sort()
    if fields.get("doi"):
        work.doi = normal_doi(_bare(fields["doi"]))
        if work.doi is None:
            notes.append(f"ignored malformed DOI {_bare(fields['doi'])!r}")
        elif work.doi.lower().startswith("10.48550/arxiv.") and not work.arxiv_id:
            work.arxiv_id = normal_arxiv(work.doi[len("10.48550/arxiv.") :])
    url = _bare(fields.get("url", "")) or _howpublished_url(fields.get("howpublished", ""))
    if url:
        if re.fullmatch(r"(?i)(https?|ftp)://[^\s<>\"{}|\\^`]+", url):
            work.url = url
        else:
            notes.append(f"ignored malformed URL {url!r}")
    work.status = "nn:unverified"
    work.source = _source_uri(work, path, entry.key)  # type: ignore[attr-defined]
    return work, named[0][1]


def _year(fields: dict[str, str]) -> int | None:
    for name in ("year", "date"):
        match = re.search(r"\b(\d{4})\b", fields.get(name, ""))
        if match:
            return int(match.group(1))
    return None


def _arxiv(fields: dict[str, str]) -> str | None:
    prefix = (fields.get("archiveprefix") or fields.get("eprinttype") or "").lower()
    eprint = _bare(fields.get("eprint", ""))
    if eprint and (prefix in ("arxiv", "")):
        found = normal_arxiv(eprint)
        if found:
            return found
    for name in ("arxivid", "arxiv"):
        if fields.get(name):
            found = normal_arxiv(_bare(fields[name]))
            if found:
                return found
    venue = fields.get("journal", "")  # Google Scholar: "arXiv preprint arXiv:1711.10455"
    match = re.search(r"(?i)arxiv:\s*([^\s}]+)", venue)
    if match:
        found = normal_arxiv(match.group(1))
        if found:
            return found
    match = re.search(r"arxiv\.org/(?:abs|pdf)/([^\s}]+)", fields.get("url", ""))
    return normal_arxiv(match.group(1)) if match else None


def _howpublished_url(text: str) -> str:
    match = re.search(r"\\url\s*\{([^}]*)\}", text)
    return match.group(1).strip() if match else ""


def _people(text: str, index: ImportIndex, notes: list[str]) -> list[tuple[Person, str]]:
    """Split an author field into (person, family name), in order; "and others" is noted."""
    from bibtexparser.middlewares.names import (
        InvalidNameError,
        parse_single_name_into_parts,
        split_multiple_persons_names,
    )

    people: list[tuple[Person, str]] = []
    for raw in split_multiple_persons_names(" ".join(text.split())):
        if raw.strip().lower() in ("others", "et al.", "et al"):
            notes.append('author list ends with "and others": only the named authors were imported')
            continue
        try:
            parts = parse_single_name_into_parts(raw, strict=False)
        except InvalidNameError:
            parts = None
        if parts is None:
            name = _latex(raw)
            family = name.split()[-1] if name.split() else ""
        else:
            given = _latex(" ".join(parts.first))
            von = _latex(" ".join(parts.von))
            last = _latex(" ".join(parts.last))
            jr = _latex(" ".join(parts.jr))
            name = " ".join(p for p in (given, von, last) if p) + (f" {jr}" if jr else "")
            family = last
        if not name:
            continue
        person = index.person(name)
        if all(person != seen for seen, _ in people):
            people.append((person, family or name))
    return people


def _source_uri(work: Work, path: Path, key: str) -> str:
    """Where the entry's metadata came from: its URL, DOI or arXiv page, else the .bib entry."""
    if work.url:
        return work.url
    if work.doi:
        return f"https://doi.org/{quote(work.doi, safe='/:;()._-')}"
    if work.arxiv_id:
        return f"https://arxiv.org/abs/{work.arxiv_id}"
    return f"{path.resolve().as_uri()}#{quote(key, safe='')}"


def _works_graph(works: Iterable[Work]) -> rdflib.Graph:
    """Triples for imported works and their authors."""
    graph = rdflib.Graph(bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    for work in works:
        node = rdflib.URIRef(work.iri)
        prefix, local = work.type.split(":")
        graph.add((node, RDF.type, rdflib.URIRef(PREFIXES[prefix] + local)))
        graph.add((node, SCHEMA.name, rdflib.Literal(work.title)))
        if work.subtitle:
            graph.add((node, SCHEMA.alternativeHeadline, rdflib.Literal(work.subtitle)))
        people = [rdflib.URIRef(p.iri) for p in work.authors]
        for person, iri in zip(work.authors, people, strict=True):
            graph.add((node, SCHEMA.author, iri))
            graph.add((iri, RDF.type, SCHEMA.Person))
            graph.add((iri, SCHEMA.name, rdflib.Literal(person.name)))
        head = rdflib.BNode()
        Collection(graph, head, people)
        graph.add((node, NN.authorList, head))
        year = rdflib.Literal(f"{work.year:04d}", datatype=XSD.gYear)
        graph.add((node, SCHEMA.datePublished, year))
        for predicate, value in (
            (SCHEMA.publisher, work.publisher),
            (NN.venue, work.venue),
            (NN.doi, work.doi),
            (NN.arxivId, work.arxiv_id),
        ):
            if value:
                graph.add((node, predicate, rdflib.Literal(value)))
        for isbn in work.isbn:
            graph.add((node, SCHEMA.isbn, rdflib.Literal(isbn)))
        if work.url:
            graph.add((node, SCHEMA.url, rdflib.URIRef(work.url)))
        graph.add((node, NN.status, NN.unverified))
        graph.add((node, DCTERMS.source, rdflib.URIRef(work.source or work.iri)))
    return graph


def _turtle(graph: rdflib.Graph, source: Path) -> str:
    header = (
        f"# Imported by `nngraph import bibtex` from {source.name}.\n"
        "# Every work is nn:unverified: check its metadata against the source,\n"
        "# then add coverage claims (nn:Coverage) for the topics it treats.\n\n"
    )
    return header + graph.serialize(format="turtle")
