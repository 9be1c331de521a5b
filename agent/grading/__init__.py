"""Grading interviews and written answers against the fixed rubric."""
