"""Claims written by hand for the reconciliation tests (no text is needed to reconcile)."""
from __future__ import annotations

import itertools

from headcount.model import Claim, Count, Group, Source

_ids = itertools.count()


def claim(status: str, low: int | None, high: int | None = "same", qualifier: str = "exact", *,
          nationality: str | None = None, foreign: bool | None = None, role: str = "hostage",
          kind: str = "government", source: str = "officials", country: str | None = None,
          published: str = "2024-03-02", time: str | None = None, modality: str = "asserted",
          report: str = "r1", cid: str | None = None, count_text: str | None = None,
          person: str | None = None) -> Claim:
    if high == "same":
        high = low
    n = next(_ids)
    return Claim(report=report, span=(n, n + 1), text="written for the test", status=status,
                 count=Count(low, high, qualifier, count_text), group=Group(None, nationality, foreign, role),
                 source=Source(source, kind, country), modality=modality, id=cid or f"k{n}",
                 published=published, time=time, person=person)
