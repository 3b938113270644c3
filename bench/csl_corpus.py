"""The corpus of bench/csl_rendered.py: real Crossref records, as CSL-JSON, rendered by citeproc-py.

Records come from ../shared/data (read at run time, never copied); styles are the Citation Style
Language project's official styles (https://citationstyles.org/, CC BY-SA 3.0) in
../shared/data/csl-styles. Planted errors change one field of a record's CSL-JSON before it is
rendered. Nothing here calls refcheck: what the bench measures is not written by refcheck.
"""

from __future__ import annotations

import glob
import gzip
import html
import json
import random
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Mapping

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"

# The named styles first, then others from different families (numeric, author-date, note, author).
STYLES: tuple[str, ...] = (
    "apa", "modern-language-association", "chicago-author-date", "chicago-notes-bibliography", "ieee",
    "nlm-citation-sequence", "nature", "science", "cell", "american-medical-association",
    "american-chemical-society", "harvard-cite-them-right", "elsevier-harvard", "springer-basic-author-date",
    "american-sociological-association",
    # author-date
    "american-political-science-association", "annual-reviews-author-date", "american-meteorological-society",
    "institute-of-physics-harvard", "iso690-author-date-en", "frontiers",
    # numeric
    "the-lancet", "bmj", "american-physics-society", "multidisciplinary-digital-publishing-institute",
    "springer-lecture-notes-in-computer-science", "association-for-computing-machinery",
    # note
    "springer-basic-note", "academy-of-management-perspectives", "european-journal-of-international-law",
)
CSL_TYPES = {"journal-article": "article-journal", "proceedings-article": "paper-conference", "book-chapter": "chapter"}
PLANTED_FIELDS = ("year", "volume", "pages", "author", "title", "journal")


# ---------------------------------------------------------------- records


def _messages_in_cassette(path: str) -> Iterator[dict[str, Any]]:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C loader is ~10x faster on these cassettes
    try:
        with open(path, encoding="utf-8") as handle:
            interactions = yaml.load(handle, Loader=loader)["interactions"]
    except Exception:
        return
    for interaction in interactions:
        body = interaction.get("response", {}).get("body", {}).get("string")
        if isinstance(body, bytes):
            try:
                body = gzip.decompress(body)
            except OSError:
                pass
            body = body.decode("utf-8", "replace")
        try:
            payload = json.loads(body)
        except (TypeError, ValueError):
            continue
        if isinstance(payload, dict) and payload.get("message-type") == "work":
            yield payload["message"]
        elif isinstance(payload, dict) and payload.get("message-type") == "work-list":
            yield from payload["message"].get("items") or []


def load_messages(data: Path) -> list[dict[str, Any]]:
    """Every Crossref work record in the shared data (refchecker, RME, habanero), in a fixed order."""
    messages: list[dict[str, Any]] = []
    refchecker = data / "refchecker"
    index = refchecker / "crossref_cache_index.derived.json"
    if index.is_file():
        for entry in json.loads(index.read_text(encoding="utf-8"))["entries"]:
            payload = json.loads((refchecker / entry["file"]).read_text(encoding="utf-8"))
            if isinstance(payload, dict):
                messages.append(payload)
            elif isinstance(payload, list):
                messages.extend(x for x in payload if isinstance(x, dict))
    record = data / "crossref-reference-matching-evaluation" / "dataset" / "tests" / "test_record.json"
    if record.is_file():
        messages.append(json.loads(record.read_text(encoding="utf-8")))
    cassettes = data / "habanero" / "test" / "cassettes"
    for path in sorted(glob.glob(str(cassettes / "**" / "*.yaml"), recursive=True)):
        messages.extend(_messages_in_cassette(path))
    return messages


def first_text(value: Any) -> str:
    if isinstance(value, list):
        value = value[0] if value else ""
    text = re.sub(r"<[^>]{0,200}>", "", str(value or ""))  # JATS / HTML face markup: a document shows italics
    previous = None
    while text != previous:  # some records escape twice ("Models&amp;#39; Responses")
        previous, text = text, html.unescape(text)
    return " ".join(text.split())


DATE_KEYS = ("issued", "published", "published-print", "published-online")  # title-search items lack "issued"


def _date_parts(message: Mapping[str, Any]) -> list[int]:
    """The record's publication date as CSL date-parts ([year] or [year, month, day])."""
    for key in DATE_KEYS:
        try:
            parts = [int(p) for p in message[key]["date-parts"][0] if p]
        except (KeyError, IndexError, TypeError, ValueError):
            continue
        if parts:
            return parts
    return []


def _year(message: Mapping[str, Any]) -> int | None:
    parts = _date_parts(message)
    return parts[0] if parts else None


def usable(message: Mapping[str, Any]) -> bool:
    """A journal article, proceedings paper or chapter with authors, title, container and year."""
    people = message.get("author") or []
    return (message.get("type") in CSL_TYPES and bool(message.get("DOI")) and bool(first_text(message.get("title")))
            and bool(first_text(message.get("container-title"))) and _year(message) is not None
            and bool(people) and all(isinstance(p, dict) and (p.get("family") or p.get("name")) for p in people))


def is_full(message: Mapping[str, Any]) -> bool:
    """Has what a printed citation of it shows: pages, and a volume for a journal article."""
    return bool(message.get("page")) and (bool(message.get("volume")) or message.get("type") != "journal-article")


def usable_records(data: Path) -> list[dict[str, Any]]:
    """Usable records, one per DOI (first kept), sorted by DOI."""
    records: dict[str, dict[str, Any]] = {}
    for message in load_messages(data):
        if usable(message):
            records.setdefault(str(message["DOI"]).lower(), message)
    return [records[doi] for doi in sorted(records)]


def to_csl(message: Mapping[str, Any], item_id: str, with_doi: bool) -> dict[str, Any]:
    """A Crossref ``message`` as a CSL-JSON item (most keys are already CSL variables)."""
    title, subtitle = first_text(message.get("title")), first_text(message.get("subtitle"))
    if subtitle and fold(subtitle) not in fold(title):
        title = f"{title}: {subtitle}"
    authors = []
    for person in message["author"]:
        if person.get("family"):
            authors.append({"family": " ".join(str(person["family"]).split()),
                            "given": " ".join(str(person.get("given") or "").split())})
        else:
            authors.append({"literal": " ".join(str(person["name"]).split())})
    item: dict[str, Any] = {
        "id": item_id, "type": CSL_TYPES[message["type"]], "title": title, "author": authors,
        "container-title": first_text(message.get("container-title")),
        "issued": {"date-parts": [_date_parts(message)]},
    }
    short = first_text(message.get("short-container-title"))
    if short:
        item["container-title-short"] = short
    for key in ("volume", "issue", "page", "publisher"):
        if first_text(message.get(key)):
            item[key] = first_text(message.get(key))
    if first_text(message.get("publisher-location")):
        item["publisher-place"] = first_text(message.get("publisher-location"))
    if with_doi:
        item["DOI"] = str(message["DOI"])
    return item


# ---------------------------------------------------------------- folding (the bench's own, not refcheck's)


def fold(text: str) -> str:
    """Lower case, no accents, punctuation as spaces: for comparing fields with what the style printed."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[^\w]+", " ", text).replace("_", " ").split())


def contains(text: str, value: str) -> bool:
    """The folded value appears in the folded text as whole words."""
    value = fold(value)
    return bool(value) and f" {value} " in f" {fold(text)} "


# ---------------------------------------------------------------- rendering

# The label of a numbered style, glued to the entry by citeproc-py's plain output ("[1]D. Tkaczyk").
_GLUED_LABEL = re.compile(r"^(\[1\]|\(1\)|1\.?)(?=[^\s\d.\])])")
# A date run together by citeproc-py ("2015Jul3"); a style that does this gets the year alone.
_GLUED_DATE = re.compile(r"(?:19|20)\d\d[A-Za-z]|[A-Za-z](?:19|20)\d\d")
# A made-up probe item with no digits outside its date, only to see how a style prints dates.
_PROBE = {"id": "probe", "type": "article-journal", "title": "Probe title",
          "author": [{"family": "Probe", "given": "A"}], "container-title": "Probe Journal",
          "issued": {"date-parts": [[2015, 7, 3]]}}


def style_family(path: Path) -> str:
    m = re.search(r'citation-format="([a-z-]+)"', path.read_text(encoding="utf-8"))
    return m.group(1) if m else "unknown"


class StyleRenderer:
    """One CSL style, loaded once, rendering one CSL-JSON item at a time as plain text."""

    def __init__(self, path: Path) -> None:
        from citeproc import CitationStylesStyle

        self.name = path.stem
        self.family = style_family(path)
        self.style = CitationStylesStyle(str(path), validate=False)
        self.year_only = False
        try:
            self.year_only = bool(_GLUED_DATE.search(self.render(_PROBE)))
            probe = self.render(_PROBE)
        except Exception as exc:  # e.g. a note style with no bibliography
            raise ValueError(f"citeproc-py cannot render {self.name}: {type(exc).__name__}: {exc}") from None
        # citeproc-py fills some styles with a stray locale term ("…, Edition") or keeps a glued date
        if "Edition" in probe or _GLUED_DATE.search(probe):
            raise ValueError(f"citeproc-py renders {self.name} with artefacts: {probe!r}")

    def render(self, item: Mapping[str, Any]) -> str:
        from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
        from citeproc.source.json import CiteProcJSON

        item = dict(item)
        if self.year_only:
            item["issued"] = {"date-parts": [[item["issued"]["date-parts"][0][0]]]}
        bibliography = CitationStylesBibliography(self.style, CiteProcJSON([item]), formatter.plain)
        bibliography.register(Citation([CitationItem(item["id"])]))
        text = " ".join(str(bibliography.bibliography()[0]).split())
        return _GLUED_LABEL.sub(r"\1 ", text) if self.family == "numeric" else text


# ---------------------------------------------------------------- planted errors


def _record_years(message: Mapping[str, Any]) -> set[int]:
    years = set()
    for key in DATE_KEYS + ("created",):
        try:
            years.add(int(message[key]["date-parts"][0][0]))
        except (KeyError, IndexError, TypeError, ValueError):
            pass
    return years


_ET_AL = (" et al ", " and others ", " and coauthors ", " others ")


def shown_surnames(item: Mapping[str, Any], text: str) -> list[str]:
    """The item's surnames the rendered text prints, in order, up to the first it leaves out (et al.).

    Each must follow the one before, with no "et al." between (so "Giglia-Mari … et al." does not
    count a later author "Mari").

    >>> shown_surnames({"author": [{"family": "Giglia-Mari"}, {"family": "Theil"}, {"family": "Mari"}]},
    ...                "Giglia-Mari, G., A. F. Theil, et al. 2006. Title.")
    ['Giglia-Mari', 'Theil']
    """
    folded = f" {fold(text)} "
    shown: list[str] = []
    position = 0
    for person in item["author"]:
        name = fold(person.get("family") or person.get("literal") or "")
        at = folded.find(f" {name} ", position) if name else -1
        if at < 0 or any(mark in folded[position:at + 1] for mark in _ET_AL):
            break
        shown.append(person.get("family") or person.get("literal"))
        position = at + len(name) + 1
    return shown


@dataclass(frozen=True)
class PlantingPool:
    """What planted errors draw from: other records' surnames, title words and containers."""

    surnames: tuple[str, ...]
    title_words: tuple[str, ...]
    containers: Mapping[str, tuple[str, ...]]  # by Crossref type

    @classmethod
    def of(cls, records: list[dict[str, Any]]) -> "PlantingPool":
        surnames = sorted({p["family"] for m in records for p in m["author"]
                           if len(p.get("family") or "") > 3 and str(p["family"]).isalpha()})
        words = sorted({w.lower() for m in records for w in first_text(m.get("title")).split()
                        if len(w) >= 5 and w.isalpha()})
        containers: dict[str, set[str]] = defaultdict(set)
        for m in records:
            containers[m["type"]].add(first_text(m.get("container-title")))
        return cls(tuple(surnames), tuple(words), {k: tuple(sorted(v)) for k, v in containers.items()})


def plant(kind: str, item: dict[str, Any], message: Mapping[str, Any], text: str, pool: PlantingPool,
          rng: random.Random) -> dict[str, Any] | None:
    """The CSL item with one field changed the way a slip would change it, or None if it has no such field."""
    item = json.loads(json.dumps(item))
    if kind == "year":
        parts = item["issued"]["date-parts"][0]
        years = _record_years(message)
        deltas = [d for d in (-3, -2, -1, 1, 2, 3) if parts[0] + d not in years]
        if not deltas:
            return None
        item["issued"] = {"date-parts": [[parts[0] + rng.choice(deltas)]]}  # a slip gives the year alone
    elif kind == "volume":
        if not str(item.get("volume", "")).isdigit():
            return None
        item["volume"] = str(int(item["volume"]) + rng.randint(1, 5))
    elif kind == "pages":
        first, _, last = str(item.get("page", "")).partition("-")
        if not first.isdigit() or (last and not last.isdigit()):
            return None
        shift = rng.randint(1, 40)
        item["page"] = str(int(first) + shift) + (f"-{int(last) + shift}" if last else "")
    elif kind == "author":
        # one of the authors the style prints (a change past "et al." would be invisible)
        printed = len(shown_surnames(item, text))
        spots = [i for i, p in enumerate(item["author"][:max(1, printed)]) if p.get("family")]
        own = {fold(p.get("family") or p.get("literal", "")) for p in item["author"]}
        strangers = [s for s in pool.surnames if fold(s) not in own]
        if not spots or not strangers:
            return None
        item["author"][rng.choice(spots)]["family"] = rng.choice(strangers)
    elif kind == "title":
        words = item["title"].split()
        spots = [i for i, w in enumerate(words) if len(w) >= 4 and w.isalpha()]
        if not spots:
            return None
        i = rng.choice(spots)
        word = rng.choice([w for w in pool.title_words if w != words[i].lower()])
        words[i] = word.capitalize() if words[i][0].isupper() else word
        item["title"] = " ".join(words)
    elif kind == "journal":
        others = [c for c in pool.containers.get(str(message.get("type")), ()) if c != item["container-title"]]
        if not others:
            return None
        item["container-title"] = rng.choice(others)
        item.pop("container-title-short", None)
    return item


def sample_records(records: list[dict[str, Any]], limit: int, seed: str) -> list[tuple[dict[str, Any], bool]]:
    """``limit`` records (half full, half partial where there are enough), each with "render its DOI" alternating.

    Each style draws its own sample (``seed`` names the style), so the styles together cover most of the
    records and one odd record does not weigh on every style.
    """
    rng = random.Random(seed)
    full = [r for r in records if is_full(r)]
    partial = [r for r in records if not is_full(r)]
    rng.shuffle(full)
    rng.shuffle(partial)
    k_full = min(len(full), max(limit - len(partial), (limit + 1) // 2))
    picked = full[:k_full] + partial[: limit - k_full]
    return [(r, i % 2 == 1) for i, r in enumerate(picked)]
