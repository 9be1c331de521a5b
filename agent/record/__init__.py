"""The `record` step: the saved transcript, its turn records, and past interviews on disk."""
