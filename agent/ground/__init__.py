"""The `ground` step: retrieved guidance and the card facts a decided move may use."""
