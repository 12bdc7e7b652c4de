"""Plain-text views of the ledger for the terminal.

Article text is untrusted: every piece of it passes through `printable`, so a report
cannot move the cursor, change colours or rewrite the terminal title.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from typing import TYPE_CHECKING

import click

from corroborate.store.tables import ClaimRow, DocumentRow, EvidenceRow, LedgerStats, MentionRow

if TYPE_CHECKING:  # the linking modules load numpy and the encoder; render needs only types
    from corroborate.link.check import CheckResult, Evidence
    from corroborate.link.stance.reports import ReportStance
    from corroborate.link.timeline import PropositionSummary

# C0/C1 control characters (ESC included) except newline and tab.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CERTAINTY_COLOURS = {"asserted": "green", "hedged": "yellow", "denied": "red"}
CONTENT_CHARS = 80  # longer contents are cut in the legend of `show`


def printable(text: str | None) -> str:
    return _CONTROL.sub("\ufffd", text or "")


def format_claim(claim: ClaimRow) -> str:
    """One claim on one line: id, document, certainty, attribution, text."""
    attribution = _attribution(claim)
    hedges = f" hedges={','.join(claim.hedges)}" if claim.hedges else ""
    return printable(
        f"#{claim.id} doc {claim.doc_id} [{claim.certainty}] {attribution}{hedges}: {claim.text}"
    )


def _attribution(claim: ClaimRow) -> str:
    if not claim.source:
        return "(outlet)"
    path = " > ".join(claim.chain) if len(claim.chain) > 1 else claim.source
    return f"{path} ({claim.cue})" if claim.cue else path


def render_document(
    document: DocumentRow,
    claims: list[ClaimRow],
    mentions: list[MentionRow],
    *,
    with_noise: bool,
    color: bool,
) -> str:
    """Header, the clean text with numbered claim markers, then a legend of the claims."""
    parts = [_header(document, mentions), "", _marked_text(document.text, claims, color), ""]
    for number, claim in enumerate(claims, start=1):
        label = _style(f"[{number}] {claim.certainty}", claim.certainty, color)
        hedges = f"; hedges: {', '.join(claim.hedges)}" if claim.hedges else ""
        content = _content(document.text, claim)
        parts.append(printable(f"{label} {_attribution(claim)}{hedges}{content}"))
    if with_noise:
        parts += ["", "Removed page noise:"]
        parts += [printable(f"  line {n.line} ({n.reason}): {n.text}") for n in document.noise]
    return "\n".join(parts)


def _content(text: str, claim: ClaimRow) -> str:
    """'; content: …' when an attributed claim's reported content is known."""
    start, end = claim.content_start, claim.content_end
    if not claim.source or start is None or end is None:
        return ""
    content = " ".join(text[start:end].split())
    if len(content) > CONTENT_CHARS:
        content = content[: CONTENT_CHARS - 1] + "…"
    return f"; content: «{content}»"


def _header(document: DocumentRow, mentions: list[MentionRow]) -> str:
    fields = [
        ("title", document.title),
        ("outlet", document.outlet),
        ("byline", document.byline),
        ("published", _with_source(document.published, document.published_source)),
        ("url", document.url),
        ("language", document.language),
        ("claims", document.claims_status),
        ("entities", _entities(mentions)),
        ("path", document.path + (f" (row {document.row})" if document.row else "")),
    ]
    return "\n".join(printable(f"{name:>9}: {value}") for name, value in fields if value)


def _entities(mentions: list[MentionRow]) -> str:
    """Distinct entities with their type and mention count, most mentioned first."""
    counts = Counter((m.name, m.type) for m in mentions)
    return ", ".join(
        f"{name} ({kind}{f' ×{count}' if count > 1 else ''})"
        for (name, kind), count in counts.most_common()
    )


def _with_source(value: str | None, source: str | None) -> str | None:
    """The value with where it was read; with no value, why ("field (unparsed: '...')")."""
    if value is None:
        return f"unknown ({source})" if source else None
    return f"{value} (from {source})" if source else value


def _marked_text(text: str, claims: list[ClaimRow], color: bool) -> str:
    """Insert ⟦ … ⟧n around each claim span; overlapping claims nest."""
    marks: list[tuple[int, int, str]] = []  # (offset, order, mark): closes sort before opens
    for number, claim in enumerate(claims, start=1):
        marks.append((claim.start, 1, _style("⟦", claim.certainty, color)))
        marks.append((claim.end, 0, _style(f"⟧{number}", claim.certainty, color)))
    pieces, position = [], 0
    for offset, _, mark in sorted(marks, key=lambda m: (m[0], m[1])):
        pieces += [printable(text[position:offset]), mark]
        position = offset
    pieces.append(printable(text[position:]))
    return "".join(pieces)


def _style(text: str, certainty: str, color: bool) -> str:
    return click.style(text, fg=_CERTAINTY_COLOURS.get(certainty), bold=True) if color else text


def render_stats(stats: LedgerStats) -> str:
    lines = [
        f"documents: {stats.documents}",
        f"claims: {stats.claims} ({_counts(stats.by_certainty)})",
        f"noise lines removed: {stats.noise_lines}",
        f"languages: {_counts(stats.by_language)}",
        "top sources:",
    ]
    lines += [printable(f"  {row.claims:>4}  {row.source}") for row in stats.top_sources]
    return "\n".join(lines)


def describe_ledger(stats: LedgerStats, db_path: str) -> str:
    """The short summary printed after an ingest."""
    return (
        f"{db_path}: {stats.documents} documents, {stats.claims} claims "
        f"({_counts(stats.by_certainty)}); languages: {_counts(stats.by_language)}"
    )


def _counts(counts: Mapping[str, int]) -> str:
    return ", ".join(f"{name} {count}" for name, count in sorted(counts.items())) or "none"


def _evidence_line(item: EvidenceRow, stance: str | None) -> str:
    """One piece of evidence: date, report, outlet, stance, certainty, source, claim text."""
    source = item.source or "(outlet)"
    copy = f", copy of #{item.copy_of}" if item.copy_of else ""
    return printable(
        f"  {item.published or 'undated'}  doc {item.doc_id} ({item.outlet or 'outlet unknown'}"
        f"{copy}) claim #{item.claim_id} [{stance or '?'}, {item.certainty}] {source}: "
        f"{item.text}"
    )


def render_check(result: CheckResult) -> str:
    """The verdict and its reason, the evidence each way, the independent sources, the first
    report."""
    lines = [printable(f"verdict: {result.verdict} — {result.reason}")]
    for title, stance in (("for", "supports"), ("against", "refutes"), ("discussing", "discusses")):
        pieces: list[Evidence] = [e for e in result.evidence if e.stance == stance]
        if pieces:
            lines += ["", f"evidence {title} ({len(pieces)}):"]
            lines += [_evidence_line(e.item, e.stance) for e in pieces]
    lines += [
        "",
        printable(f"independent sources for: {len(result.tally.supports)} "
                  f"({', '.join(o.name for o in result.tally.supports) or 'none'})"),
        printable(f"independent sources against: {len(result.tally.refutes)} "
                  f"({', '.join(o.name for o in result.tally.refutes) or 'none'})"),
    ]
    if result.first:
        lines.append("first report:" + _evidence_line(result.first.item, result.first.stance)[1:])
    lines += _report_lines(result.reports, {e.item.doc_id: e.item for e in result.evidence})
    return "\n".join(lines)


def _report_lines(
    reports: Mapping[int, ReportStance], items: Mapping[int, EvidenceRow]
) -> list[str]:
    """Each report's own stance (its claims and the FNC-1 model's reading of it)."""
    if not reports:
        return []
    lines = ["", "reports (stance of the whole report; model's reading):"]
    for doc_id, found in sorted(reports.items()):
        item = items.get(doc_id)
        outlet = (item.outlet if item else None) or "outlet unknown"
        published = (item.published if item else None) or "undated"
        lines.append(printable(
            f"  {published}  doc {doc_id} ({outlet}) {found.stance} ({found.model} "
            f"{found.probabilities[found.model]:.2f})"
        ))
    return lines


def render_proposition_line(found: PropositionSummary) -> str:
    seen = f"{found.first_seen or 'undated'}..{found.last_seen or 'undated'}"
    return printable(
        f"#{found.proposition.id} {seen} reports {found.reports} "
        f"for {len(found.tally.supports)} against {len(found.tally.refutes)}: "
        f"{found.proposition.label}"
    )


def render_proposition(
    found: PropositionSummary, reports: Mapping[int, ReportStance] | None = None
) -> str:
    lines = [
        render_proposition_line(found),
        printable(f"supported by: {', '.join(o.name for o in found.tally.supports) or 'none'}"),
        printable(f"denied by: {', '.join(o.name for o in found.tally.refutes) or 'none'}"),
        "",
    ]
    lines += [_evidence_line(item, item.stance) for item in found.evidence]
    lines += _report_lines(reports or {}, {e.doc_id: e for e in found.evidence})
    return "\n".join(lines)
