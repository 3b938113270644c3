"""The judge stage: is each reference the work it cites, and is every field right?

Pure functions of (parsed reference, candidate records), no I/O:
:mod:`.match` chooses the candidate (:mod:`.versions` says which records are one
work under several DOIs), :mod:`.compare` checks its fields (asking
:mod:`.text_witness` whether the reference's own text contradicts an author, title or
journal finding), and :mod:`.verdict` turns both into one :class:`~refcheck.model.ReferenceResult`.
Other stages need only :func:`judge`, and the resolve stage :func:`is_cited_work` and
:func:`venue_to_ask` (:mod:`.venues`: which venue's journal records a "likely fabricated" needs),
passed in by the pipeline, so resolve imports nothing from here.

>>> judge(reference, lookup).status  # doctest: +SKIP
'verified'
"""

from __future__ import annotations

from .match import is_cited_work
from .venues import venue_to_ask
from .verdict import judge

__all__ = ["judge", "is_cited_work", "venue_to_ask"]
