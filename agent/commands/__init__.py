"""Sub-commands of the `mlsd` CLI, one module each."""
