"""Versioned content: the rubric, phase plan, problem cards and wrong-claim catalogue,
loaded from YAML with errors a person can act on, and cached on the files' stamps."""
