"""Train the CRF reference labeller that ``refcheck.parse.crf`` loads.

Training data (read from ../shared/data at train time, never copied into the repository):

* anystyle ``res/parser/core.xml``, ``bad.xml``, ``ugly.xml`` — hand-tagged sequences
  (``gold.xml`` is the test set and is never read here);
* GROBID's citation corpus ``grobid-trainer/resources/dataset/citation/corpus/*.xml`` — TEI ``<bibl>``.

Both are reduced to whitespace tokens with one label each (:data:`refcheck.parse.crf.LABELS`):
a token takes the label of its first letter or digit; text between tags (GROBID's ``, `` and
``in``) takes the label of the next tagged token. Identifiers (DOI, URL, arXiv, ISBN) and
citation numbers are dropped, as the parser takes them out before labelling.

Usage::

    python bench/train_parser_model.py [--data ../shared/data] [--out refcheck/data/parser.crfsuite]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from refcheck.parse.rules import parse_by_rules  # noqa: E402
from refcheck.parse.combine import rule_marks  # noqa: E402
from refcheck.parse.crf import MODEL_PATH, features  # noqa: E402

DROP = "_drop"
ANYSTYLE = {
    "author": "author", "editor": "editor", "translator": "editor", "title": "title",
    "journal": "container", "container-title": "container", "volume": "num", "pages": "num",
    "date": "date", "publisher": "publisher", "location": "location",
    "doi": DROP, "url": DROP, "isbn": DROP, "citation-number": DROP,
}
TEI = "{http://www.tei-c.org/ns/1.0}"
Sequence = tuple[list[str], list[str]]


def _to_tokens(chars: list[tuple[str, str | None]]) -> Sequence:
    """Characters with labels (``None`` outside any tag) → whitespace tokens with one label each."""
    toks: list[str] = []
    labs: list[str | None] = []
    cur: list[tuple[str, str | None]] = []
    for ch, lab in chars + [(" ", None)]:
        if ch.isspace():
            if cur:
                word = "".join(c for c, _ in cur)
                lab_of = next((lb for c, lb in cur if c.isalnum() and lb), None) or \
                    next((lb for _, lb in cur if lb), None)
                toks.append(word)
                labs.append(lab_of)
                cur = []
        else:
            cur.append((ch, lab))
    # untagged tokens take the next tagged token's label (GROBID's "in" before a book title)
    nxt: str | None = None
    for i in range(len(labs) - 1, -1, -1):
        if labs[i] is None:
            labs[i] = nxt or "note"
        else:
            nxt = labs[i]
    keep = [i for i, lb in enumerate(labs) if lb != DROP]
    return [toks[i] for i in keep], [str(labs[i]) for i in keep]


def load_anystyle(path: Path) -> list[Sequence]:
    out = []
    for seq in ET.parse(path).getroot():
        chars: list[tuple[str, str | None]] = []
        for el in seq:
            lab = ANYSTYLE.get(el.tag, "note")
            value = " ".join("".join(el.itertext()).split())
            chars.extend((c, lab) for c in value + " ")
        toks, labs = _to_tokens(chars)
        if toks:
            out.append((toks, labs))
    return out


def _tei_label(el: ET.Element, has_article_title: bool) -> str | None:
    tag = el.tag.replace(TEI, "")
    if tag == "title":
        level = el.get("level", "a")
        if level == "a":
            return "title"
        if level == "j":
            return "container"
        if level == "m":
            return "container" if has_article_title else "title"
        return "note"
    return {"author": "author", "editor": "editor", "date": "date", "biblScope": "num", "publisher": "publisher",
            "pubPlace": "location", "pubplace": "location", "idno": DROP, "ptr": DROP, "note": "note",
            "orgName": "note"}.get(tag, "note")


def load_grobid(folder: Path) -> list[Sequence]:
    out = []
    for path in sorted(folder.glob("*.xml")):
        try:
            root = ET.parse(path).getroot()
        except ET.ParseError:
            continue
        for bibl in root.iter(TEI + "bibl"):
            has_a = any(t.get("level", "a") == "a" for t in bibl.iter(TEI + "title"))
            chars: list[tuple[str, str | None]] = []
            chars.extend((c, None) for c in (bibl.text or ""))
            for el in bibl:
                lab = _tei_label(el, has_a)
                chars.extend((c, lab) for c in "".join(el.itertext()))
                chars.extend((c, None) for c in (el.tail or ""))
            toks, labs = _to_tokens(chars)
            if len(toks) >= 3:
                out.append((toks, labs))
    return out


def with_marks(toks: list[str]) -> list[list[str]]:
    """Features with what the rules make of the sequence, as the parser gives them at run time."""
    text = " ".join(toks)
    trace: dict[str, str] = {}
    try:
        _, fields = parse_by_rules(text, trace)
    except Exception:
        fields = {}
    return features(toks, rule_marks(text, trace.get("authors", ""), fields))


def main(argv: list[str] | None = None) -> int:
    import pycrfsuite

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data")
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    ap.add_argument("--c1", type=float, default=0.5)
    ap.add_argument("--c2", type=float, default=0.001)
    ap.add_argument("--iterations", type=int, default=150)
    ap.add_argument("--minfreq", type=float, default=2)
    ap.add_argument("--holdout", type=float, default=0.0,
                    help="share of training data kept out to report token accuracy")
    args = ap.parse_args(argv)
    parser_dir = args.data / "anystyle" / "res" / "parser"
    seqs: list[Sequence] = []
    for name in ("core.xml", "bad.xml", "ugly.xml"):  # never gold.xml: it is the test set
        seqs.extend(load_anystyle(parser_dir / name))
    grobid = args.data / "grobid-citation" / "grobid-trainer" / "resources" / "dataset" / "citation" / "corpus"
    seqs.extend(load_grobid(grobid))
    random.Random(13).shuffle(seqs)
    cut = int(len(seqs) * (1 - args.holdout))
    train, held = seqs[:cut], seqs[cut:]
    print(f"{len(train)} training sequences, {sum(len(t) for t, _ in train)} tokens")
    trainer = pycrfsuite.Trainer(verbose=False)
    for toks, labs in train:
        trainer.append(with_marks(toks), labs)
    trainer.set_params({"c1": args.c1, "c2": args.c2, "max_iterations": args.iterations,
                        "feature.minfreq": args.minfreq, "feature.possible_transitions": True})
    start = time.perf_counter()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(args.out))
    print(f"trained in {time.perf_counter() - start:.0f} s; model {args.out.stat().st_size / 1e6:.2f} MB at {args.out}")
    if held:
        tagger = pycrfsuite.Tagger()
        tagger.open(str(args.out))
        ok = total = 0
        for toks, labs in held:
            pred = tagger.tag(with_marks(toks))
            ok += sum(p == g for p, g in zip(pred, labs))
            total += len(labs)
        print(f"held-out token accuracy {ok / total:.3f} over {len(held)} sequences")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
