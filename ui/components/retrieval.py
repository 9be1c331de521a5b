"""Showing the guidance chunks an interviewer turn was grounded in."""

from __future__ import annotations

import streamlit as st

from agent.knowledge.store import KnowledgeStore


@st.cache_resource(show_spinner=False)
def store() -> KnowledgeStore:
    return KnowledgeStore.open()


def render(chunk_ids: list[str]) -> None:
    if not chunk_ids:
        return
    with st.expander(f"Retrieved guidance ({len(chunk_ids)})"):
        try:
            chunks = store().get(chunk_ids)
        except Exception as e:  # the replay still works without the store
            st.caption(f"Guidance store unavailable: {e}")
            for cid in chunk_ids:
                st.markdown(f"- `{cid}`")
            return
        for chunk in chunks:
            st.markdown(f"**{chunk.title or chunk.id}** · `{chunk.id}`")
            st.write(chunk.text)
