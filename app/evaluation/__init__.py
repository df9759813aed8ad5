"""Evaluation and decision support: indicators computed incrementally from the event stream,
reports, and the hotspot forecast (pure Python, no Qt)."""
