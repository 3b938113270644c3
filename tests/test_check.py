"""The pipeline's wiring: `refcheck snapshot` shares the check's front half (extract, parse, resolve)."""

from __future__ import annotations

from crossref_fake import CARHART_HARRIS_2017, DUMAN_2016, MURROUGH_2013, REFERENCE_TEXTS

from refcheck.check import check_paths, resolve_documents, snapshot_messages
from refcheck.extract import extract_file


def draft(path, *records) -> str:
    refs = "\n\n".join(REFERENCE_TEXTS[r["DOI"]] for r in records)
    path.write_text(f"# A draft\n\nSome prose.\n\n## References\n\n{refs}\n", encoding="utf-8")
    return str(path)


def test_snapshot_holds_what_the_check_resolved_for_every_document(crossref_server, crossref_options, tmp_path):
    paths = [draft(tmp_path / "one.md", DUMAN_2016, MURROUGH_2013), draft(tmp_path / "two.md", CARHART_HARRIS_2017)]
    options = crossref_options.replace(check_quotes=False)
    resolved = resolve_documents([extract_file(p) for p in paths], options)
    assert [len(r.references) for r in resolved] == [len(r.lookups) for r in resolved] == [2, 1]
    seen = {c.work.doi for r in resolved for lookup in r.lookups for c in lookup.candidates}
    report = check_paths(paths, options)
    matched = {ref.match.work.doi for doc in report.documents for ref in doc.references if ref.match}
    assert matched == {r["DOI"].lower() for r in (DUMAN_2016, MURROUGH_2013, CARHART_HARRIS_2017)}
    # Every candidate the check saw is in the snapshot, from both documents, even with references off.
    messages = snapshot_messages(paths, options.replace(check_references=False))
    assert {m["DOI"].lower() for m in messages} == {doi.lower() for doi in seen} >= matched
