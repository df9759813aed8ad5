"""Camera video: PyAV decoding sources, the local test camera server, field-of-view coverage."""
