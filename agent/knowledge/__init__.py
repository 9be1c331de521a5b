"""The retrieval store of guidance and cheatsheets (chromadb + offline MiniLM embeddings)."""
