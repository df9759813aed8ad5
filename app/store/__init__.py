"""Client-side state: the in-memory store (QtCore only), selection, offline cache."""
