"""Write works as BibTeX entries that ``nngraph import bibtex`` reads back the same."""

from __future__ import annotations

import re
from collections.abc import Iterable

from nngraph.records.works import Work
from nngraph.vocab import WORK

_EXPORT_TYPES = {
    "schema:Book": "book",
    "schema:ScholarlyArticle": "article",
    "schema:Article": "article",
    "schema:Chapter": "incollection",
    "schema:Thesis": "phdthesis",
    "schema:Report": "techreport",
    "nn:LectureNotes": "unpublished",
    "schema:Course": "unpublished",
}

_ESCAPES = {"\\": "\\textbackslash{}"}
_SPECIAL = re.compile(r"([&%$#_{}\\])")


def _escape(text: str) -> str:
    """LaTeX-escape text for a braced BibTeX value (Unicode is kept: the file is UTF-8)."""
    return _SPECIAL.sub(lambda m: _ESCAPES.get(m.group(1), "\\" + m.group(1)), text)


def bibtex_name(name: str) -> str:
    """A display name as a BibTeX name, ``Family, Given``; one-word names are braced whole.

    Lowercase words before the family name are kept as its "von" part
    (``Jan van der Berg`` -> ``van der Berg, Jan``), as BibTeX expects.
    """
    words = name.split()
    if len(words) <= 1 or "and" in (w.lower() for w in words):  # "and" would split the name
        return "{" + _escape(name) + "}"
    family = [words[-1]]
    given = words[:-1]
    while len(given) > 1 and given[-1][:1].islower():
        family.insert(0, given.pop())
    return f"{_escape(' '.join(family))}, {_escape(' '.join(given))}"


def to_bibtex(works: Iterable[Work]) -> str:
    """BibTeX entries for works, keyed by their id; ``import bibtex`` reads them back the same.

    Title and subtitle are double-braced so styles keep their capitals; the
    subtitle goes into biblatex's ``subtitle`` field, never into the title.
    """
    entries = []
    for work in works:
        kind = _EXPORT_TYPES.get(work.type, "misc")
        if kind == "article" and not work.venue and work.arxiv_id:
            kind = "misc"  # an arXiv preprint: @misc with eprint
        fields: list[tuple[str, str]] = [
            ("author", " and ".join(bibtex_name(p.name) for p in work.authors)),
            ("title", "{" + _escape(work.title) + "}"),
        ]
        if work.subtitle:
            fields.append(("subtitle", "{" + _escape(work.subtitle) + "}"))
        if work.year is not None:
            fields.append(("year", str(work.year)))
        if work.venue:
            place = {"article": "journal", "incollection": "booktitle"}.get(kind, "howpublished")
            fields.append((place, _escape(work.venue)))
        if work.publisher:
            place = {"phdthesis": "school", "techreport": "institution"}.get(kind, "publisher")
            fields.append((place, _escape(work.publisher)))
        if work.isbn:
            fields.append(("isbn", ", ".join(work.isbn)))
        if work.doi:
            fields.append(("doi", work.doi))
        if work.arxiv_id:
            fields += [("eprint", work.arxiv_id), ("archiveprefix", "arXiv")]
        if work.url:
            fields.append(("url", work.url))
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields if value)
        entries.append(f"@{kind}{{{_bibtex_key(work)},\n{body}\n}}\n")
    return "\n".join(entries)


def _bibtex_key(work: Work) -> str:
    key = work.id if work.iri.startswith(str(WORK)) else re.split(r"[/#]", work.iri)[-1]
    return re.sub(r"[^A-Za-z0-9_:.-]", "", key) or "work"
