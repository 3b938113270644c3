"""The verdict: one :class:`~refcheck.model.ReferenceResult` per reference.

Combines what the resolve stage fetched (a :class:`~refcheck.model.Lookup`) with
:func:`~refcheck.judge.match.choose_match` and :func:`~refcheck.judge.compare.compare`:

* ``unresolved`` — the look-up failed (offline, timeout...); ``reason`` says why.
* ``verified`` — matched, and no field is wrong (warnings, e.g. a missing subtitle, are listed).
* ``mismatch`` — matched, and at least one field is wrong (an ``error`` problem).
* ``ambiguous`` — two distinct works fit equally well.
* ``not_found`` — an article or conference paper that no Crossref record matches
  (likely fabricated), at a venue that registers DOIs with Crossref for the year cited
  (:mod:`refcheck.judge.venues`); the nearest candidates are reported.
* ``unverifiable`` — a book, chapter, thesis, report or grey literature that Crossref
  does not hold, or an article at a venue with no evidence of registering with Crossref: not an error.

A retracted work always adds a ``retraction`` error. Pure function, no I/O.

>>> judge(reference, Lookup(error="offline and not cached")).status  # doctest: +SKIP
'unresolved'
"""

from __future__ import annotations

from ..bibtex import entry_to_string, work_to_entry
from ..model import ARTICLE_TYPES, Candidate, Lookup, Problem, Reference, ReferenceResult, Status
from ..normalize import latex_to_text, normalize_doi
from .compare import compare
from .match import choose_match
from .venues import VenueEvidence, evidence_for

__all__ = ["judge", "NEAREST"]

#: How many ranked candidates a result carries (the nearest ones, best first).
NEAREST = 3


def _describe(candidate: Candidate) -> str:
    return f"{candidate.work.describe()} (similarity {candidate.similarity:.2f})"


def _no_evidence(evidence: VenueEvidence) -> str:
    venue = evidence.venue or "its venue (none was read from the reference)"
    year = f" for {evidence.year}" if evidence.year else ""
    return f"there is no evidence that {venue} registers DOIs with Crossref{year}"


def judge(reference: Reference, lookup: Lookup) -> ReferenceResult:
    """Decide the status of ``reference`` given what was fetched for it."""
    if reference.origin == "link":
        from .link import judge_link

        return judge_link(reference, lookup)
    if lookup.error:
        return ReferenceResult(reference=reference, status="unresolved", reason=lookup.error)

    cited_doi_raw = latex_to_text(str(reference.fields.get("doi") or "")).strip()
    cited_doi = normalize_doi(cited_doi_raw)
    problems: list[Problem] = []
    if lookup.doi_not_found and cited_doi:
        problems.append(Problem("doi", cited_doi_raw, "", "error",
                                f"Crossref does not know the cited DOI {cited_doi}."))

    decision = choose_match(reference, lookup.candidates)
    nearest = decision.ranked[:NEAREST]

    if decision.outcome == "matched" and decision.match is not None:
        match = decision.match
        found = compare(reference, match.work)
        if lookup.doi_not_found:
            # The unknown-DOI problem already says it; name the right DOI there instead.
            found = tuple(p for p in found if p.field != "doi")
            problems = [Problem("doi", cited_doi_raw, match.work.doi, "error",
                                f"Crossref does not know the cited DOI {cited_doi}; "
                                f"this work's DOI is {match.work.doi}.")
                        ] if cited_doi else []
        elif lookup.by_doi and cited_doi and normalize_doi(match.work.doi) != cited_doi:
            # The cited DOI is some other paper's (a copy-paste slip): name that paper beside the right DOI.
            owner = next((c for c in decision.ranked if normalize_doi(c.work.doi) == cited_doi), None)
            if owner is not None:
                found = tuple(Problem(p.field, p.cited, p.found, p.severity,
                                      f"The cited DOI {cited_doi} belongs to a different work ({_describe(owner)}); "
                                      f"this work's DOI is {match.work.doi}.") if p.field == "doi" else p
                              for p in found)
        problems.extend(found)
        wrong = any(p.severity == "error" and p.field != "retraction" for p in problems)
        status: Status = "mismatch" if wrong else "verified"
        bibtex = entry_to_string(work_to_entry(match.work, reference.key))
        return ReferenceResult(
            reference=reference, status=status, match=match, candidates=nearest, alternates=decision.alternates,
            problems=tuple(problems),
            retracted=match.work.retracted, suggested_bibtex=bibtex,
            reason="" if status == "verified" else
            f"matched {match.work.doi}; {sum(p.severity == 'error' for p in problems)} field(s) wrong",
        )

    # A cited DOI that resolves to some other paper: say so, whatever else we conclude.
    if lookup.by_doi and cited_doi and not lookup.doi_not_found:
        doi_work = next((c for c in decision.ranked if normalize_doi(c.work.doi) == cited_doi), None)
        if doi_work is not None:
            problems.append(Problem("doi", cited_doi_raw, doi_work.work.doi, "error",
                                    f"The cited DOI {cited_doi} belongs to a different work: {_describe(doi_work)}."))

    if decision.outcome == "ambiguous":
        close = [c for c in decision.ranked if c.similarity >= decision.ranked[0].similarity - 0.05][:NEAREST]
        return ReferenceResult(
            reference=reference, status="ambiguous", candidates=nearest, problems=tuple(problems),
            reason="several Crossref records fit equally well: " + "; ".join(_describe(c) for c in close),
        )

    nearest_text = "; nearest: " + _describe(nearest[0]) if nearest else ""
    if reference.entry_type in ARTICLE_TYPES:
        # Not in Crossref is "likely fabricated" only where Crossref would hold the work (judge/venues.py).
        evidence = evidence_for(reference, lookup.venues)
        if evidence.registers:
            reason = ("no Crossref record matches this reference" if lookup.candidates
                      else "Crossref returned no candidates") + nearest_text
            status = "not_found"
        else:
            why = evidence.basis if evidence.registers is False else _no_evidence(evidence)
            reason = "not in Crossref, and " + why + nearest_text
            status = "unverifiable"
    else:
        reason = (f"Crossref holds no matching record; a {reference.entry_type or 'work'} of this kind often is not "
                  f"registered with Crossref, so it could not be checked") + nearest_text
        status = "unverifiable"
    return ReferenceResult(reference=reference, status=status, candidates=nearest, problems=tuple(problems),
                           reason=reason)
