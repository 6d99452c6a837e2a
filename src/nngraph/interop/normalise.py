"""Normal forms of names, titles and identifiers (ISBN, DOI, arXiv id).

Used to compare works (a book's ISBN-10 and ISBN-13 are the same book; titles
match whatever their accents, case and punctuation) and to mint IRIs from names.
"""

from __future__ import annotations

import re
import unicodedata

_TRANSLIT = str.maketrans(
    {
        "ł": "l",
        "Ł": "L",
        "ø": "o",
        "Ø": "O",
        "đ": "d",
        "Đ": "D",
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "þ": "th",
        "Þ": "Th",
        "ı": "i",
    }
)


def ascii_fold(text: str) -> str:
    """Strip accents and transliterate the few letters that do not decompose (ł, ø, ß …)."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_TRANSLIT))
    return (
        "".join(c for c in decomposed if not unicodedata.combining(c))
        .encode("ascii", "ignore")
        .decode("ascii")
    )


def slug(text: str) -> str:
    """Lowercase ASCII words joined by hyphens: ``Rémy Tuyéras`` -> ``remy-tuyeras``."""
    return re.sub(r"[^a-z0-9]+", "-", ascii_fold(text).lower()).strip("-")


def normal_title(text: str) -> str:
    """A title reduced to lowercase ASCII letters and digits, for duplicate detection."""
    return re.sub(r"[^a-z0-9]+", " ", ascii_fold(text).lower()).strip()


def normal_isbn(text: str) -> str | None:
    """An ISBN without hyphens or spaces, or None when it is not 10 or 13 characters of one."""
    raw = re.sub(r"[\s-]", "", text).upper()
    if re.fullmatch(r"97[89]\d{10}|\d{9}[\dX]", raw):
        return raw
    return None


def isbn13(isbn: str) -> str:
    """The ISBN-13 form of an ISBN, so a book's ISBN-10 and ISBN-13 compare equal."""
    if len(isbn) == 13:
        return isbn
    core = "978" + isbn[:9]
    total = sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(core))
    return core + str((10 - total % 10) % 10)


_DOI_PREFIX = re.compile(r"^(https?://(dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)


def normal_doi(text: str) -> str | None:
    """A DOI without ``https://doi.org/`` or ``doi:``, or None when it is not one."""
    doi = _DOI_PREFIX.sub("", text.strip()).strip()
    return doi if re.fullmatch(r"10\.\d{4,9}/\S+", doi) else None


_ARXIV_ID = re.compile(r"(\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?")


def normal_arxiv(text: str) -> str | None:
    """The bare arXiv id (no ``arXiv:``, no URL, no version) in a text, or None."""
    cleaned = re.sub(r"(?i)^\s*(arxiv:|https?://arxiv\.org/(abs|pdf)/)", "", text.strip())
    match = _ARXIV_ID.match(cleaned)
    return match.group(1) if match else None
