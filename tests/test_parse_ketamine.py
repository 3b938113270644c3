"""The 13-entry MLA-style bibliography of the ketamine blog post, parsed field by field.

``test_sample_file`` reads the real post in ../shared/samples (skipped where absent);
``test_typed_strings`` runs the same references typed into this file, so the
expectations are checked everywhere.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from refcheck.parse import parse_reference

# (reference as printed, entry type, key, fields)
CASES: list[tuple[str, str, str, dict[str, str]]] = [
    ("Doidge, Norman. The Brain’s Way of Healing: Remarkable Discoveries and Recoveries from the Frontiers of "
     "Neuroplasticity. Viking, 2015.",
     "book", "doidge2015brains",
     {"author": "Doidge, Norman", "year": "2015", "publisher": "Viking",
      "title": "The Brain’s Way of Healing: Remarkable Discoveries and Recoveries from the Frontiers of Neuroplasticity"}),
    ("Merzenich, Michael. Soft-Wired: How the New Science of Brain Plasticity Can Change Your Life. Parnassus "
     "Publishing, 2013.",
     "book", "merzenich2013soft",
     {"author": "Merzenich, Michael", "year": "2013", "publisher": "Parnassus Publishing",
      "title": "Soft-Wired: How the New Science of Brain Plasticity Can Change Your Life"}),
    ("Hari, Johann. Lost Connections: Uncovering the Real Causes of Depression — and the Unexpected Solutions. "
     "Bloomsbury, 2018.",
     "book", "hari2018lost",
     {"author": "Hari, Johann", "year": "2018", "publisher": "Bloomsbury",
      "title": "Lost Connections: Uncovering the Real Causes of Depression — and the Unexpected Solutions"}),
    ("Holland, Julie. Good Chemistry: The Science of Connection, from Soul to Psychedelics. Harper Wave, 2020.",
     "book", "holland2020good",
     {"author": "Holland, Julie", "year": "2020", "publisher": "Harper Wave",
      "title": "Good Chemistry: The Science of Connection, from Soul to Psychedelics"}),
    ("Williams, Mark, John Teasdale, Zindel Segal, and Jon Kabat-Zinn. The Mindful Way Through Depression: Freeing "
     "Yourself from Chronic Unhappiness. Guilford Press, 2007.",
     "book", "williams2007mindful",
     {"author": "Williams, Mark and Teasdale, John and Segal, Zindel and Kabat-Zinn, Jon", "year": "2007",
      "publisher": "Guilford Press",
      "title": "The Mindful Way Through Depression: Freeing Yourself from Chronic Unhappiness"}),
    ("Insel, Thomas. Healing: Our Path from Mental Illness to Mental Health. Penguin Press, 2022.",
     "book", "insel2022healing",
     {"author": "Insel, Thomas", "year": "2022", "publisher": "Penguin Press",
      "title": "Healing: Our Path from Mental Illness to Mental Health"}),
    ("Duman, Ronald S., George K. Aghajanian, Samuel T. Wilkinson, and Gerard Sanacora. “Neuronal plasticity and "
     "ketamine antidepressant actions: a synthesis of preclinical and clinical studies.” Biological Psychiatry, "
     "vol. 81, no. 5, 2017, pp. 386–397.",
     "article", "duman2017neuronal",
     {"author": "Duman, Ronald S. and Aghajanian, George K. and Wilkinson, Samuel T. and Sanacora, Gerard",
      "title": "Neuronal plasticity and ketamine antidepressant actions: a synthesis of preclinical and clinical "
               "studies",
      "journal": "Biological Psychiatry", "volume": "81", "number": "5", "year": "2017", "pages": "386--397"}),
    ("Carhart-Harris, Robin L., and David J. Nutt. “Serotonin and brain function: a tale of two receptors.” "
     "Journal of Psychopharmacology, vol. 31, no. 9, 2017, pp. 1091–1120.",
     "article", "carhartharris2017serotonin",
     {"author": "Carhart-Harris, Robin L. and Nutt, David J.",
      "title": "Serotonin and brain function: a tale of two receptors",
      "journal": "Journal of Psychopharmacology", "volume": "31", "number": "9", "year": "2017",
      "pages": "1091--1120"}),
    ("Liston, Conor., et al. “Rapid and sustained symptom reduction following repeated doses of ketamine in major "
     "depressive disorder.” American Journal of Psychiatry, vol. 177, no. 5, 2020, pp. 437–446.",
     "article", "liston2020rapid",
     {"author": "Liston, Conor and others",
      "title": "Rapid and sustained symptom reduction following repeated doses of ketamine in major depressive "
               "disorder",
      "journal": "American Journal of Psychiatry", "volume": "177", "number": "5", "year": "2020",
      "pages": "437--446"}),
    ("Brewer, Judson. The Craving Mind: From Cigarettes to Smartphones to Love — Why We Get Hooked and How We Can "
     "Break Bad Habits. Yale University Press, 2017.",
     "book", "brewer2017craving",
     {"author": "Brewer, Judson", "year": "2017", "publisher": "Yale University Press",
      "title": "The Craving Mind: From Cigarettes to Smartphones to Love — Why We Get Hooked and How We Can Break "
               "Bad Habits"}),
    ("Popper, Karl. Conjectures and Refutations: The Growth of Scientific Knowledge. Routledge, 1963.",
     "book", "popper1963conjectures",
     {"author": "Popper, Karl", "year": "1963", "publisher": "Routledge",
      "title": "Conjectures and Refutations: The Growth of Scientific Knowledge"}),
    ("Roth, Bryan L., and James A. Javitch. “Ketamine and beyond: Investigations into the rapid antidepressant "
     "effects of glutamatergic modulators.” Nature Reviews Neuroscience, vol. 20, 2019, pp. 240–250.",
     "article", "roth2019ketamine",
     {"author": "Roth, Bryan L. and Javitch, James A.",
      "title": "Ketamine and beyond: Investigations into the rapid antidepressant effects of glutamatergic "
               "modulators",
      "journal": "Nature Reviews Neuroscience", "volume": "20", "year": "2019", "pages": "240--250"}),
    ("Sampson, Timothy., et al. “Disruption of default mode network dynamics by ketamine in depression.” Nature "
     "Communications, vol. 11, 2020, article no. 706.",
     "article", "sampson2020disruption",
     {"author": "Sampson, Timothy and others",
      "title": "Disruption of default mode network dynamics by ketamine in depression",
      "journal": "Nature Communications", "volume": "11", "year": "2020", "pages": "706"}),
]


def _check(text: str, entry_type: str, key: str, expected: dict[str, str]) -> None:
    entry = parse_reference(text)
    got = {f.key: f.value for f in entry.fields}
    assert entry.entry_type == entry_type
    assert entry.key == key
    assert got == expected


@pytest.mark.parametrize(("text", "entry_type", "key", "expected"), CASES, ids=[c[2] for c in CASES])
def test_typed_strings(text: str, entry_type: str, key: str, expected: dict[str, str]) -> None:
    _check(text, entry_type, key, expected)


def test_sample_file(ketamine_sample: Path) -> None:
    text = ketamine_sample.read_text(encoding="utf-8")
    bibliography = text[text.rindex("Bibliography"):]
    entries = [m.group(1).strip() for m in re.finditer(r"^\s+\d{1,2}\.\s+(.+)$", bibliography, re.MULTILINE)]
    assert len(entries) == len(CASES) == 13
    for raw, (_typed, entry_type, key, expected) in zip(entries, CASES):
        _check(raw, entry_type, key, expected)


def test_parse_file(ketamine_sample: Path) -> None:
    pytest.importorskip("refcheck.extract")
    from refcheck.parse import parse_file

    entries = parse_file(ketamine_sample)
    assert [e.key for e in entries] == [c[2] for c in CASES]
    assert {f.key: f.value for f in entries[7].fields} == CASES[7][3]
