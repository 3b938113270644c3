"""The verdict for a reference made by linking (``origin == "link"``, see :mod:`refcheck.extract.links`).

A link is its identifier: ``https://doi.org/10.1038/nm.4050`` names one work,
so there is no candidate to choose. What can be wrong is what the link text
says of that work — year, journal, first author — and those claims are
compared with the record exactly as a list entry's fields are. A linked DOI
Crossref does not know is a finding; a PubMed, PMC or arXiv link cannot be
checked against Crossref at all. Pure function, no I/O.

>>> from refcheck.model import RawReference, Reference
>>> ref = Reference("pmid:26937618", "misc", {"pmid": "26937618"}, "a PubMed link", 3,
...                 source=RawReference("a PubMed link", 3, origin="link"))
>>> judge_link(ref, Lookup()).status
'unverifiable'
"""

from __future__ import annotations

from dataclasses import replace

from ..bibtex import entry_to_string, work_to_entry
from ..model import Lookup, Problem, Reference, ReferenceResult
from ..normalize import normalize_doi
from .compare import compare

__all__ = ["judge_link", "UNCHECKABLE"]

#: Why a link of each kind (by the field holding its identifier) cannot be checked against Crossref.
UNCHECKABLE: dict[str, str] = {
    "pmid": "a PubMed link (PMID {id}): Crossref holds no PubMed records, so refcheck cannot check it",
    "pmcid": "a PubMed Central link ({id}): Crossref holds no PMC records, so refcheck cannot check it",
    "eprint": "an arXiv link (arXiv:{id}): Crossref holds no arXiv records, so refcheck cannot check it",
}


def judge_link(reference: Reference, lookup: Lookup) -> ReferenceResult:
    """The verdict for a link reference, given what was fetched for its DOI (if it has one)."""
    if lookup.error:
        return ReferenceResult(reference=reference, status="unresolved", reason=lookup.error)
    doi = normalize_doi(reference.get("doi"))
    if not doi:
        field = next((f for f in UNCHECKABLE if reference.get(f)), "")
        reason = UNCHECKABLE[field].format(id=reference.get(field)) if field else "a link Crossref cannot check"
        return ReferenceResult(reference=reference, status="unverifiable", reason=reason)
    if lookup.doi_not_found:
        message = f"The link points at the DOI {doi}, which Crossref does not know: no such work is registered."
        return ReferenceResult(reference=reference, status="not_found",
                               problems=(Problem("doi", doi, "", "error", message),),
                               reason=f"the linked DOI {doi} does not exist in Crossref")
    match = next((c for c in lookup.candidates if normalize_doi(c.work.doi) == doi), None)
    if match is None:  # a DOI look-up answers with that DOI's record; anything else is not an answer
        return ReferenceResult(reference=reference, status="unresolved",
                               reason=f"no record came back for the linked DOI {doi}")
    match = replace(match, similarity=1.0)  # the link names the work: nothing to choose between
    problems = compare(reference, match.work)
    wrong = sum(p.severity == "error" and p.field != "retraction" for p in problems)
    return ReferenceResult(
        reference=reference, status="mismatch" if wrong else "verified", match=match, candidates=(match,),
        problems=problems, retracted=match.work.retracted,
        suggested_bibtex=entry_to_string(work_to_entry(match.work, reference.key)),
        reason=f"the link text does not fit {match.work.doi}: {wrong} field(s) wrong" if wrong else "",
    )
