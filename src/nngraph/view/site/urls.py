"""Where each page lives in the site: stable, relative, file-system-safe paths.

Pages sit one folder deep at most (``topic/bptt.html``), so every link is
written relative to the page that holds it and the site works from ``file://``
and from any sub-path of a static host alike.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

KINDS = ("topic", "work", "author")


class Urls:
    """The page path of every topic, work and author, keyed by IRI.

    Slugs come from the IRI's last segment (``…/topic/bptt`` → ``bptt``), lower
    case and safe on any file system; a clash or an empty slug gets a short hash
    of the IRI, assigned in IRI order so the same graph always gives the same paths.
    """

    def __init__(self, iris: dict[str, Iterable[str]]) -> None:
        self._paths: dict[str, str] = {}
        for kind in KINDS:
            used: set[str] = set()
            for iri in sorted(iris.get(kind, ())):
                slug = _slug(iri)
                if not slug or slug in used:
                    slug = f"{slug or kind}-{hashlib.sha1(iri.encode()).hexdigest()[:8]}"
                used.add(slug)
                self._paths[iri] = f"{kind}/{slug}.html"

    def path(self, iri: str) -> str:
        """The page's path from the site root (``topic/bptt.html``)."""
        return self._paths[iri]

    def has(self, iri: str) -> bool:
        """Whether the IRI has a page."""
        return iri in self._paths

    def items(self) -> Iterable[tuple[str, str]]:
        return self._paths.items()


def relative(page: str, target: str) -> str:
    """A link from ``page`` to ``target``, both paths from the site root."""
    depth = page.count("/")
    return "../" * depth + target


def _slug(iri: str) -> str:
    tail = re.split(r"[/#]", iri.rstrip("/#"))[-1]
    slug = re.sub(r"[^a-z0-9_-]+", "-", tail.casefold()).strip("-")
    return slug[:80]
