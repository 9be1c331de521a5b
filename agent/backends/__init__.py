"""Backends: the swappable read and speak steps and the grader, offline or through a model.

- `base`: `Backend`, the reader, voice and grader one interview uses, and its fallback;
- `registry`: `make_backend(name)`;
- `fallback`: a model backend's steps with its declared offline stand-in;
- `openai`: assembling the `openai` backend; `llm/`: its client plumbing.
"""
