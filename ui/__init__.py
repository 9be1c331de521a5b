"""The Streamlit app: `streamlit run ui/app.py` or `mlsd ui`."""
