"""Networking of the workstation: the protocol v1 client."""
