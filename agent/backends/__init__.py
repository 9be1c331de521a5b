"""Backends: the swappable read and speak steps and the grader, offline or through a model.

- `registry`: `Backend` and `make_backend(name)`;
- `fallback`: a model backend's steps with its declared offline stand-in;
- `openai`: assembling the `openai` backend; `llm/`: its client plumbing.
"""
