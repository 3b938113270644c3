"""The reference's own words as a witness: a finding its text contradicts is the parser's, not the author's.

The compare stage judges the fields the parser read. When the parser splits a name wrongly
(``Rahmath P, H.``), glues a journal onto a title or cuts a title short, the fields disagree
with the record although the citation, as written, agrees with it. Before an author, title or
journal finding reaches the user it is tested here against the raw reference string, folded
(accents, case, punctuation and hyphens dropped):

* authors: every surname of the record appears in the text, in the record's order (or the list
  stops at *et al.* right after the last one found), outside the title and the journal; a surname
  that is only initials (``K``, ``N K``: some records hold the given name alone as a name) counts
  only next to its given name or that name's initial;
* title: the record's title (with its subtitle) appears in the text as one run of words, and not
  only as the journal (some records repeat the title as their container);
* journal: the record's container, or one of its short names, stands in the text as an element of
  its own (between punctuation, numbers or the ends), outside the title: ``Engineering`` is not
  found inside ``Nuclear Engineering and Design``.

Pure functions, no I/O.
"""

from __future__ import annotations

import logging
import re

from ..model import Author, Problem, Work
from ..normalize import fold, latex_to_text, normalize_dashes, normalize_quotes, strip_accents, strip_tags
from .names import INITIALS_MESSAGE

__all__ = ["TextWitness"]

log = logging.getLogger(__name__)

_PARTICLES = frozenset({
    "van", "von", "der", "den", "de", "da", "di", "du", "del", "della", "des", "la", "le", "ter",
    "ten", "dos", "das", "do", "zu", "af", "av", "bin", "ibn", "al", "el", "st", "aan", "het", "op",
})
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
# Given names and initials that may stand between the last surname found and "et al." ("Smith, J. A., et al.")
_MAX_GIVEN_WORDS = 4
# What may stand on either side of a journal that is an element of its own
# "..., Radiology" / ". In: Proc. X", but not "Case Reports in Radiology"
# A journal right after the record's title (masked as "|": some styles put no punctuation between the two) or
# after a volume ("(2019) 12 Science 345", legal styles) stands on its own too.
# "In Proceedings of the 2024 IEEE Conference on X (CNS)": the proceedings of the record's conference name it.
_BEFORE_ELEMENT = r"(?:^|[.,;:()\[\]\"'|\d])\s*(?:in:?\s+)?(?:(?:the\s+)?proceedings\s+of\s+)?(?:the\s+)?"
_AFTER_ELEMENT = r"\.?(?=\s*(?:$|[.,;:()\[\]\"']|\d))"


# DOIs and links are no witnesses: "10.7717/peerj.12090" names the journal PeerJ whatever the citation says
_LINK = re.compile(r"(?:https?://|www\.|\bdoi:\s?|\b10\.\d{4,9}/)\S{0,300}", re.IGNORECASE)


def _plain(text: str) -> str:
    return _LINK.sub(" ", latex_to_text(text or ""))


def _words(text: str) -> list[str]:
    return fold(_plain(text)).split()


def _element_text(text: str) -> str:
    """Accents and case folded, punctuation kept: where a journal's edges are."""
    return strip_accents(normalize_quotes(normalize_dashes(strip_tags(_plain(text))))).casefold()


def _run_pattern(words: list[str]) -> str:
    return r"[\W_]+".join(re.escape(w) for w in words)


def _find_run(words: list[str], run: list[str], start: int, blocked: frozenset[int] = frozenset()) -> int:
    """Index of the first occurrence of ``run`` in ``words`` at or after ``start``, avoiding ``blocked``; -1 if none."""
    if not run:
        return -1
    n = len(run)
    first = run[0]
    cjk = n == 1 and _CJK.search(first) is not None
    for i in range(start, len(words) - n + 1):
        if i in blocked:
            continue
        if cjk:  # "姜福豪": a CJK name written whole holds the surname at its start
            if words[i].startswith(first):
                return i
            continue
        if words[i] == first and words[i: i + n] == run and not blocked.intersection(range(i, i + n)):
            return i
    return -1


def _surname_run(family: str) -> list[str]:
    # "Lagkadinou, MD, Ph.D." / "Faculty of Humanities, Udayana University, Bali": what follows a comma in a
    # record's family field is degrees or an address, not the name
    words = [w for w in _words(family.split(",")[0]) if w not in _SUFFIXES]
    core = [w for w in words if w not in _PARTICLES]
    return core or words


class TextWitness:
    """What the raw text of one reference says about one record.

    >>> from refcheck.model import Author, Work
    >>> work = Work("10.1/x", "Early-exit deep neural network", authors=(Author("Rahmath P", "Haseena"),
    ...             Author("Srivastava", "Vishal")), container="ACM Computing Surveys")
    >>> witness = TextWitness("Rahmath P, H., & Srivastava, V. (2024). Early-exit deep neural network. "
    ...                       "ACM Computing Surveys, 57(3).", work)
    >>> witness.has_authors(), witness.has_title(), witness.has_container()
    (True, True, True)
    """

    def __init__(self, text: str, work: Work, cited_title: str = "") -> None:
        self.text = text
        self.words = _words(text)
        self.work = work
        # Surnames and the journal are looked for outside the title: a title may hold a surname or a journal word
        title_span: set[int] = set()
        for title in (self._full_title(), work.title, cited_title):
            run = _words(title)
            at = _find_run(self.words, run, 0) if len(run) >= 2 else -1
            if at >= 0:
                title_span.update(range(at, at + len(run)))
        self._title_span = frozenset(title_span)
        self._outside = frozenset(title_span | set(self._container_words()))

    def _full_title(self) -> str:
        return f"{self.work.title} {self.work.subtitle}" if self.work.subtitle else self.work.title

    def _container_names(self) -> list[str]:
        names = [self.work.container] if self.work.container else []
        raw = self.work.record.get("container-title") if self.work.record else None
        if isinstance(raw, list):
            names += [str(x) for x in raw if x and str(x) not in names]
        return names + [s for s in self.work.short_containers if s and s not in names]

    def _container_words(self) -> range:
        for name in self._container_names():
            run = _words(name)
            at = _find_run(self.words, run, 0, self._title_span)
            if at >= 0:
                return range(at, at + len(run))
        return range(0)

    def has_authors(self) -> bool:
        """Every surname of the record, in order (or up to an *et al.* right after the last one found)."""
        pos, last = 0, None
        for author in self.work.authors:
            run = _surname_run(author.family)
            if not run:
                continue
            end = self._find_surname(run, author, pos)
            if end < 0:
                return last is not None and self._et_al_after(pos, last)
            pos, last = end, author
        return last is not None

    def _find_surname(self, run: list[str], author: Author, pos: int) -> int:
        """Where the surname (and, for a surname of initials, the given name after it) ends; -1 if absent."""
        at = _find_run(self.words, run, pos, self._outside)
        given = _words(author.given)
        if at < 0 or not given or any(len(w) > 1 for w in run):
            return at + len(run) if at >= 0 else -1
        # "K", "N K": initials alone prove nothing unless the given name (or its initial) stands next to them;
        # the given name after them is theirs, so the next surname is looked for beyond it
        while at >= 0:
            end = at + len(run)
            before = self.words[at - 1] if at > 0 else ""
            after = self.words[end] if end < len(self.words) else ""
            if after in (given[0], given[0][0]):
                return end + 1
            if before in (given[-1], given[0][0]):
                return end
            at = _find_run(self.words, run, at + 1, self._outside)
        return -1

    def _et_al_after(self, pos: int, author: Author) -> bool:
        """``Smith, J. A., et al.`` / ``Seibert RM, et al.``: only that author's given names or initials before
        *et al.*"""
        given = _words(author.given)
        initials = "".join(w[0] for w in given)
        allowed = {*given, initials, initials[:2]} - {""}
        for j in range(pos, min(len(self.words), pos + _MAX_GIVEN_WORDS + 1)):
            if self.words[j: j + 2] == ["et", "al"]:
                return True
            if not (len(self.words[j]) == 1 or self.words[j] in allowed):
                return False
        return False

    def has_title(self) -> bool:
        """The record's title, with its subtitle if it has one, as one run of words (not only as the journal)."""
        run = _words(self._full_title())
        if not run:
            return False
        at = _find_run(self.words, run, 0)
        if at < 0:
            return False
        # A record whose container repeats its title: the journal alone must not vouch for the title
        if any(" ".join(run) in " ".join(_words(name)) for name in self._container_names()):
            return _find_run(self.words, run, at + len(run)) >= 0
        return True

    def has_container(self) -> bool:
        """The record's journal (or a short name of it) as an element of its own, outside the title."""
        text = _element_text(self.text)
        for title in {self._full_title(), self.work.title}:
            run = _words(title)
            if len(run) >= 2:
                text = re.sub(_run_pattern(run), " | ", text)
        for name in self._container_names():
            run = _words(name)
            if run and re.search(_BEFORE_ELEMENT + _run_pattern(run) + _AFTER_ELEMENT, text):
                return True
        return False

    def unless_contradicted(self, found: list[Problem], key: str = "") -> list[Problem]:
        """``found`` (one field's findings), or none when the text contradicts them: logged at debug level instead.

        Only author, title, journal, type and publisher findings are tested (the last two: the citation names
        the record's journal, so a book type, and the publisher read after it, were the parser's guess).
        Initials warnings alone stay: the surnames were read right, and a wrong initial is the citation's.
        """
        field = found[0].field if found else ""
        if field == "author":
            contradicted = not all(p.message.startswith(INITIALS_MESSAGE) for p in found) and self.has_authors()
            why = "every surname of the record is in the reference's text, in order"
        elif field == "title":
            contradicted, why = self.has_title(), "the record's title is in the reference's text"
        elif field == "journal":
            contradicted, why = self.has_container(), "the record's journal stands in the reference's text"
        elif field in ("type", "publisher"):  # the parser's guess (a book) against the journal the text names
            contradicted = self.has_container()
            why = "the record's journal stands in the reference's text; the entry type was the parser's guess"
        else:
            return found
        if not contradicted:
            return found
        for p in found:  # for the parser's sake: these are its misreadings
            log.debug("not reported (%s): %s finding on %s against %s: %s", why, p.field, key, self.work.doi, p.message)
        return []
