"""The CityOps light server: websocket sync protocol v1 over an SQLite event store."""

from app.server.config import ServerConfig
from app.server.core import CityServer
from app.server.thread import ServerThread

__all__ = ["CityServer", "ServerConfig", "ServerThread"]
