"""The test suite (a package, so tests and benchmarks share tests.support)."""
