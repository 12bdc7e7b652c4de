"""Attribution: who (source) says what (content), signalled by which cue.

The one home of attribution, run time only (training: `corroborate.training.attribution`;
evaluation: `corroborate.evaluate.attribution`):

    model_frames(doc) -> [TaggedFrame]   the trained tagger over a parsed report (`tagger.py`;
                                          `model_frames_many(docs)`: over a batch of them)
    read_frame(text, start, end, doc, tagged) -> Frame | None
                                          one clause's frame: the tagger's, settled against
                                          the tree rules (`tree.py`) and patterns (`patterns.py`)
    extract(text) -> [TaggedFrame]       parse, then tag (evaluation and tests)

The tagger is trained on PolNeAR by `corroborate train attribution` and shipped in
`corroborate/data/models/attribution`; every path to it tokenises through
`features.tokenize` / `features.tokenized_from_doc` over the pipeline's paragraph windows.
"""

from corroborate.attribution.combine import model_frames, model_frames_many, read_frame
from corroborate.attribution.frame import Frame, FrameSpans, Offsets
from corroborate.attribution.spans import Span, TaggedFrame
from corroborate.attribution.tagger import extract

__all__ = [
    "Frame", "FrameSpans", "Offsets", "Span", "TaggedFrame", "extract", "model_frames",
    "model_frames_many", "read_frame",
]
