"""Helpers for the cog blocks in README.md: run an nngraph command and show its real output."""

from __future__ import annotations

import json
import shlex

from click.testing import CliRunner

from nngraph.cli import cli


def run(command: str) -> list[str]:
    """The stdout lines of an nngraph command, run in-process on the bundled graph."""
    args = shlex.split(command)
    assert args[0] == "nngraph", command
    result = CliRunner().invoke(cli, args[1:])
    assert result.exit_code in (0, 1), (command, result.output)
    return result.stdout.splitlines()


def show(command: str, *, head: int | None = None) -> str:
    """A console block: the command, then its real stdout (the first ``head`` lines)."""
    lines = run(command)
    out = ["```console", f"$ {command}" + (f" | head -n {head}" if head else "")]
    out += lines[:head] if head else lines
    return "\n".join([*out, "```", ""])


def show_markdown(command: str, *, head: int | None = None) -> str:
    """The command in a console block, then its ``--format markdown`` output as a table."""
    lines = run(command)
    out = ["```console", f"$ {command}", "```", ""]
    out += lines[: 2 + head] if head else lines
    if head and len(lines) > 2 + head:
        out += ["", f"*… and {len(lines) - 2 - head} more rows.*"]
    return "\n".join([*out, ""])


def seed_verdict() -> str:
    """The README's verdict on the seed's gap claim, computed from the bundled graph.

    Written by the data, not by hand: when a curator adds a rigorous textbook treatment of
    CNN backpropagation or BPTT, the sentence changes with it (tests/test_docs.py). The
    claim is about textbooks, so the verdict counts books; papers are listed beside them.
    """
    from nngraph.analysis.coverage import recommend
    from nngraph.query.run import run_named
    from nngraph.store.loader import load

    graph = load()
    rows = run_named(graph, "gap-claims").rows

    def cite(w: dict) -> str:
        edition = f", checked in the {w['edition']}" if w.get("edition") else ""
        where = f"{w['year']}{edition}, {w['locator']}, {w['status']}"
        return f"{w['first_author']}, *{w['title']}* ({where})"

    lines, rigorous_books = [], 0
    for row in rows:
        topic, label = str(row["topic"]), str(row["topicLabel"])
        books = recommend(graph, topic, min_depth="rigorous", kind="book")
        papers = [w for w in recommend(graph, topic, min_depth="rigorous") if w["kind"] != "book"]
        rigorous_books += len(books)
        if books:
            text = "rigorous in " + "; ".join(cite(w) for w in books)
        else:
            closest = recommend(graph, topic, min_depth="derivation", kind="book")[:3]
            text = "no book treats it rigorously; closest: " + (
                "; ".join(cite(w) for w in closest) or "none at derivation depth"
            )
        if papers:
            text += ". Rigorous in papers: " + "; ".join(cite(w) for w in papers)
        lines.append(f"- **{label}**: {text}.")
    verdict = (
        "On this corpus the claim still holds at the rigorous depth: no book in the graph states "
        "and proves these results, although step-by-step derivations exist."
        if rigorous_books == 0
        else "On this corpus the claim no longer holds for every topic: the books listed as "
        "rigorous below treat it with stated results and proofs."
    )
    return "\n".join([verdict, "", *lines, ""])


def search_flow() -> str:
    """The register's flow, candidates → screened → included, counted from data/candidates.csv."""
    import csv
    from collections import Counter
    from pathlib import Path

    path = Path(__file__).parents[1] / "data" / "candidates.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    decisions = Counter(row["decision"] for row in rows)
    kinds = Counter(row["kind"] for row in rows if row["decision"] == "included")
    deferred = sum(1 for row in rows if row["reason"].startswith("DEFERRED"))
    return (
        f"{len(rows)} candidates considered → {decisions['included']} included "
        f"({', '.join(f'{n} {k}' for k, n in sorted(kinds.items()))}), "
        f"{decisions['excluded']} excluded with a reason ({deferred} of them deferred: they meet "
        "the criteria but no reachable source allowed a profile yet)."
    )


def verification_share() -> str:
    """How many claims were seen in the work or its official table of contents."""
    import csv

    rows = list(csv.reader(run("nngraph query --name unverified-claims --format csv")))
    n = json.loads("\n".join(run("nngraph stats --format json")))
    unverified = len({row[0] for row in rows[1:]})
    share = unverified / n["coverage"]
    return (
        f"\n{n['coverage'] - unverified} of {n['coverage']} claims are verified (seen in the work "
        f"or its official table of contents); {unverified} ({share:.0%}) are not yet."
    )


def register_flow() -> str:
    """The PRISMA-style flow of data/SEARCH.md, counted from data/candidates.csv."""
    import csv
    from collections import Counter
    from pathlib import Path

    path = Path(__file__).parents[1] / "data" / "candidates.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    included = [r for r in rows if r["decision"] == "included"]
    excluded = [r for r in rows if r["decision"] == "excluded"]
    deferred = [r for r in excluded if r["reason"].startswith("DEFERRED")]
    unreachable = [r for r in excluded if r["reason"].startswith("E6")]
    searched = [r for r in rows if not r["found_in"].startswith(("other source", "nngraph corpus"))]
    kinds = Counter(r["kind"] for r in included)

    def line(label: str, count: int) -> str:
        return f"{label} {'.' * max(3, 78 - len(label))} {count}"

    out = [
        "```",
        line("Records in the register (candidates.csv)", len(rows)),
        line("  of which surfaced by the searches S1–S8", len(searched)),
        line(
            "  of which from other sources (S9: corpus list, knowledge)", len(rows) - len(searched)
        ),
        line("Excluded, each with its reason", len(excluded)),
        line("  of which DEFERRED (meet the criteria, not yet profiled)", len(deferred)),
        line("  of which attempted but not reachable (E6)", len(unreachable)),
        line("INCLUDED (the corpus: one file in data/works/ each)", len(included)),
        "  by kind: " + " · ".join(f"{n} {k}" for k, n in sorted(kinds.items())),
        "```",
    ]
    return "\n".join(out) + "\n"
