"""Routine files: the model, loading, checking, writing and finding them."""
