"""Free-text references to BibTeX entries: the parser's public functions.

The rules (:mod:`refcheck.parse.rules`) read the text; the CRF labeller (:mod:`refcheck.parse.combine`)
checks their author, title and container where it is installed. :func:`parse_reference` never
raises: on any failure it returns a ``misc`` entry that keeps the text as its ``title`` and ``note``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

from bibtexparser.model import Entry

from ..bibtex import make_entry, reference_to_entry
from ..model import RawReference, Reference
from . import combine as parse_combine
from .keys import base_key, unique_keys
from .rules import MAX_INPUT, parse_by_rules

__all__ = ["USE_MODEL", "parse_file", "parse_reference", "parse_references"]

USE_MODEL = True  # off: rules only (also the case without pycrfsuite or the model file)


def _fallback(text: str) -> tuple[str, dict[str, str]]:
    clean = " ".join(text.split())[:MAX_INPUT] or "(empty)"
    return "misc", {"title": clean, "note": clean}


def _drop_volume_from_container(fields: dict[str, str]) -> None:
    """``Journal of Polymer Science XXXIV`` with volume ``XXXIV``: the volume is not part of the name."""
    vol = fields.get("volume")
    if not vol:
        return
    for key in ("journal", "booktitle"):
        name = fields.get(key, "")
        if name.endswith(vol) and len(name) > len(vol) + 3 and name[-len(vol) - 1] in " ,":
            fields[key] = name[: -len(vol)].rstrip(" ,")


def parse_reference(text: str) -> Entry:
    """Parse one free-text reference into a BibTeX entry; never raises.

    >>> e = parse_reference("Duman RS, Aghajanian GK, Sanacora G, Krystal JH. Synaptic plasticity and "
    ...     "depression: new insights from stress and rapid-acting antidepressants. Nat Med. 2016;22(3):238-249.")
    >>> e.entry_type, e.key, e.fields_dict["pages"].value
    ('article', 'duman2016synaptic', '238--249')
    """
    try:
        trace: dict[str, str] = {}
        entry_type, fields = parse_by_rules(text if isinstance(text, str) else str(text), trace)
        if USE_MODEL and trace:  # the CRF labeller checks the rules' author, title and container
            entry_type, fields = parse_combine.apply(entry_type, fields, trace["s"], trace["authors"], trace["italics"])
        _drop_volume_from_container(fields)
        if not fields.get("title"):
            fields.setdefault("note", " ".join(text.split())[:MAX_INPUT])
    except Exception:  # failures are data: keep the text, never end the run
        entry_type, fields = _fallback(text if isinstance(text, str) else repr(text))
    return make_entry(entry_type, base_key(fields), fields)


def parse_references(raws: Sequence[RawReference]) -> list[Reference]:
    """Parse a document's reference list; keys are unique within the list.

    Raw references that already carry BibTeX ``fields`` (from a ``.bib`` file) pass
    through with lower-case field names and their own key where they have one.

    >>> [r.key for r in parse_references([RawReference("Popper, Karl. Conjectures and Refutations. "
    ...     "Routledge, 1963.", line=3)])]
    ['popper1963conjectures']
    """
    parsed: list[tuple[str, str, dict[str, str], str | None]] = []
    for raw in raws:
        if raw.fields is not None:
            fields = {str(k).lower(): str(v) for k, v in raw.fields.items()}
            parsed.append(((raw.entry_type or "misc").lower(), base_key(fields), fields, raw.key or None))
        else:
            entry = parse_reference(raw.text)
            fields = {f.key: str(f.value) for f in entry.fields}
            parsed.append((entry.entry_type, entry.key, fields, None))
    # keys from the .bib file win; generated keys are made unique around them
    own = [p[3] for p in parsed if p[3]]
    keys: list[str] = []
    generated = iter(unique_keys([p[1] for p in parsed if not p[3]], taken=own))
    seen_own: set[str] = set()
    for p in parsed:
        if p[3]:
            key = p[3]
            if key in seen_own:  # a duplicate key in the .bib itself: suffix it
                key = unique_keys([key], taken=set(own) | seen_own | set(keys))[0]
            seen_own.add(key)
            keys.append(key)
        else:
            keys.append(next(generated))
    return [
        Reference(key=key, entry_type=etype, fields=fields, text=raw.text, line=raw.line, source=raw)
        for key, (etype, _, fields, _own), raw in zip(keys, parsed, raws, strict=True)
    ]


def parse_file(path: str | Path, format: str | None = None) -> list[Entry]:
    """Extract a document's reference list and parse it: one entry per reference.

    >>> parse_file("paper.md")  # doctest: +SKIP
    [Entry(...), ...]
    """
    from ..extract import extract_file  # written alongside; imported late so parsing works without it

    document = extract_file(path, format=format)
    return [reference_to_entry(r) for r in parse_references(document.references)]
