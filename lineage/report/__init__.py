"""Views of results for people (text) and programs (JSON, CSV)."""
