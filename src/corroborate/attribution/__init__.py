"""Attribution extraction: who (source) says what (content), signalled by which cue.

`extract(text)` runs the trained CRF taggers shipped in `corroborate/data/models/attribution`
(trained on PolNeAR by `corroborate train attribution`).
"""

from corroborate.attribution.model import extract
from corroborate.attribution.spans import Attribution, Span

__all__ = ["Attribution", "Span", "extract"]
