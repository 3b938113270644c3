"""Finding attributed quotations in body text (refcheck.quotes.find)."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

from refcheck.quotes import find_quotations
from refcheck.quotes.find import clean_person

FIXTURES = Path(__file__).parent / "fixtures" / "quotes"

SAMPLE_EXPECTED = [
    ("Carlos Zarate", "Ketamine acts like a fertilizer"),
    ("Karl Jansen", "a rehearsal space"),
    ("John Krystal", "a paradigm shift"),
    ("Hans Jonas", "Our capacity for foresight"),
    ("George Aghajanian", "There is no one-size-fits-all brain"),
    ("Carl Jung", "Who looks outside, dreams"),
    ("Conor Liston", "Ketamine’s ability to reconfigure"),
    ("Robin Carhart-Harris", "Ketamine serves as a molecular lever"),
    ("Bryan Roth", "Understanding how ketamine alters"),
    ("Ronald Duman", "Ketamine’s ability to induce spine"),
    ("Hippocrates", "Cure sometimes, treat often"),
    ("Karl Popper", "Science must begin with myths"),
]


@pytest.mark.parametrize("sentence, person, start", [
    ("As Dr. Carlos Zarate of the National Institute of Mental Health puts it, “Ketamine is a tool for change.”",
     "Carlos Zarate", "Ketamine is a tool"),
    ('Karl Popper writes, "Science must begin with myths."', "Karl Popper", "Science must begin"),
    ("Jung noted, “The shoe that fits one person pinches another.”", "Jung", "The shoe that fits"),
    ("Ada Lovelace said, \"That brain of mine is something more than merely mortal.\"", "Ada Lovelace",
     "That brain of mine"),
    ("“The best way out is always through,” says Robert Frost.", "Robert Frost", "The best way out"),
    ("According to psychiatrist Dr. Karl Jansen, this state offers “a rehearsal space for new possibilities.”",
     "Karl Jansen", "a rehearsal space"),
    ("As Carl Jung once wrote, “Who looks outside, dreams; who looks inside, awakes.”", "Carl Jung",
     "Who looks outside"),
    ("This reflects the timeless wisdom of Hippocrates: “Cure sometimes, treat often, comfort always.”",
     "Hippocrates", "Cure sometimes"),
    ("As philosopher Hans Jonas reminds us, “Our capacity for foresight obligates us.”", "Hans Jonas",
     "Our capacity for foresight"),
    ("As Dr. John Krystal of Yale University emphasizes, ketamine offers “a paradigm shift in care,” they say.",
     "John Krystal", "a paradigm shift"),
    ("As the philosopher Professor Mira Sen of Oxford observes, “numbers need stories to matter.”", "Mira Sen",
     "numbers need stories"),
    ("“Fortune favours the bold,” Pliny the Elder wrote.", "Pliny the Elder", "Fortune favours the bold"),
])
def test_every_shape(sentence: str, person: str, start: str) -> None:
    found = find_quotations(sentence)
    assert [(q.person, q.text[:len(start)]) for q in found] == [(person, start)]
    assert found[0].line == 1


def test_straight_and_curly_quotes_across_line_breaks() -> None:
    body = "Intro line.\n\nAs Carl Jung once wrote, \"Who looks outside,\ndreams; who looks inside, awakes.\"\n"
    (found,) = find_quotations(body)
    assert found.line == 3
    assert found.text == "Who looks outside, dreams; who looks inside, awakes."
    curly = "As Carl Jung\nonce wrote, “Who looks outside,\ndreams.”"
    assert find_quotations(curly)[0].person == "Carl Jung"


def test_block_quote_with_dash_attribution() -> None:
    body = "Text.\n\n> Cure sometimes, treat often,\n> comfort always.\n> — Hippocrates\n\nMore text."
    (found,) = find_quotations(body)
    assert (found.line, found.person, found.text) == (3, "Hippocrates", "Cure sometimes, treat often, comfort always.")
    assert found.raw.startswith("> Cure") and found.raw.endswith("Hippocrates")


@pytest.mark.parametrize("sentence", [
    "Classic works like “The Doors of Perception” by Aldous Huxley are often cited.",
    "This integrative approach follows the principles in “The Body Keeps the Score” by Bessel van der Kolk.",
    "Michael Pollan’s “How to Change Your Mind” provides rich narratives.",
    "As Norman Doidge writes in “The Brain That Changes Itself,” we are not prisoners of biology.",
    "As highlighted in Thomas Insel’s book “Healing,” psychiatry may change.",
    "This interruption creates a “reset” effect in the brain.",
    "Therapists often describe the sessions as “fertile ground” for emotional work.",
    "Patients frequently describe this as “rediscovering color in a black-and-white world.”",
    "He said, “We will ship it when it is ready.”",
])
def test_not_a_quotation(sentence: str) -> None:
    assert find_quotations(sentence) == []


def test_clean_person_strips_titles_and_affiliations() -> None:
    assert clean_person("Dr. Carlos Zarate of the National Institute of Mental Health".split()) == "Carlos Zarate"
    assert clean_person(["neuroscientist", "Dr.", "Conor", "Liston"]) == "Conor Liston"
    assert clean_person(["These", "studies"]) == ""


def _check_sample(body: str) -> None:
    found = find_quotations(body)
    assert [(q.person, q.text[:len(s)]) for q, (_, s) in zip(found, SAMPLE_EXPECTED)] == SAMPLE_EXPECTED
    assert len(found) == 12


def test_sample_excerpt_fixture() -> None:
    _check_sample((FIXTURES / "ketamine_excerpt.txt").read_text(encoding="utf-8"))


def test_ketamine_sample(ketamine_sample: Path) -> None:
    body = ketamine_sample.read_text(encoding="utf-8")
    _check_sample(body)
    lines = [q.line for q in find_quotations(body)]
    assert lines == [14, 32, 50, 104, 116, 128, 135, 147, 159, 171, 243, 303]


def test_ketamine_sample_through_extract(ketamine_sample: Path) -> None:
    from refcheck.extract import extract_file

    _check_sample(extract_file(ketamine_sample).body)


@pytest.mark.parametrize("chunk", [
    "“" + "a " * 50_000,                     # an opening mark that never closes
    "\"a" * 50_000,                           # straight marks everywhere
    "As Dr. " * 15_000 + "“x”",               # endless lead-in
    "“a” " * 25_000,                          # many tiny quotations
    "> " + "x " * 50_000,                     # one huge block line
    "As A B C D E F G said, “" + "Zz " * 30_000 + "”",
])
def test_adversarial_input_is_linear(chunk: str) -> None:
    body = (chunk * (100_000 // len(chunk) + 1))[:100_000]
    start = time.perf_counter()
    find_quotations(body)
    assert time.perf_counter() - start < 2.0


def test_labelled_passages_precision_and_recall() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    try:
        from quote_finding import finding_scores
    finally:
        sys.path.pop(0)
    precision, recall, *_ = finding_scores()
    assert precision >= 0.95 and recall >= 0.95
