"""Attribution extraction: who (source) says what (content), signalled by which cue.

`extract(text)` runs the trained taggers shipped in `corroborate/data/models/attribution`
(a CRF cue tagger and a BiLSTM or CRF role tagger, trained on PolNeAR by
`corroborate train attribution`).
"""

from corroborate.attribution.model import extract
from corroborate.attribution.spans import Attribution, Span

__all__ = ["Attribution", "Span", "extract"]
