"""Test support: fixtures, fakes and real-server launchers shared by tests and benchmarks.

Never shipped (the wheel holds only `agent`); benchmarks import it as `tests.support` when run
from the repository root as `python -m bench.<name>`.
"""
