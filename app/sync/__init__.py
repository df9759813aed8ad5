"""Workstation sync: the offline cache, the durable outbox and the engine that talks to the server."""
