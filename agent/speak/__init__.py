"""The `speak` step: turn a decided move into the interviewer's words (offline or LLM)."""
