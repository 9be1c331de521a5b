"""Benchmarks: run from the repository root as `python -m bench.run` or `python -m bench.<name>`."""
