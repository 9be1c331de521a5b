"""Pieces shared by the app's pages."""
