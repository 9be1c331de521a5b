"""Understanding candidate language: the one layer the reader and the grader share.

- `sentences`: cutting text into verbatim sentence spans (the only splitter);
- `features`: what the models see of a text (MiniLM meaning plus learned word features);
- `model`: the trained heads (message kind, rubric signals, wrong claims, manipulation,
  depth), shipped as one versioned weights file and predicted with numpy;
- `reader`: `Understanding`, text in, `MessageFindings` / `SentenceFindings` out;
- `corpus` and `train`: the labelled corpus and `mlsd retrain`, which refits the weights.
"""

from agent.understanding.findings import MessageFindings, SentenceFindings
from agent.understanding.model import ModelUnavailable, UnderstandingModel, default_model
from agent.understanding.reader import Understanding, shared_understanding

__all__ = [
    "MessageFindings",
    "ModelUnavailable",
    "SentenceFindings",
    "Understanding",
    "UnderstandingModel",
    "default_model",
    "shared_understanding",
]
