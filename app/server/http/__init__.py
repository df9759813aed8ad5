"""The server's HTTP side: Open311 GeoReport v2, the public page, the reporter's verification."""

from app.server.http.side import HttpSide

__all__ = ["HttpSide"]
