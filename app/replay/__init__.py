"""Offline replay and training: replay files, importers, the player and the training score.

A replay is a self-contained SQLite file of committed events (reference data first), with periodic
state checkpoints for fast seeking. Nothing here imports QtWidgets; only :mod:`app.replay.driver`
and :mod:`app.replay.session` use QtCore.
"""
