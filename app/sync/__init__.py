"""Workstation sync: the offline cache, the durable outbox and the engine that talks to the server.

Wiring in the console (inside the running qasync loop)::

    store = Store()
    engine = SyncEngine(store, "ws://ops-server:8765", "desk-3")  # opens cache-desk-3.sqlite
    if engine.has_cached_state:
        ...  # the store already shows the last known state; engine.status says "offline (...)"
    engine.start("dana", password)  # or engine.start() to sign in with the cached token
    gateway: CommandGateway = engine  # every user action: engine.submit(AssignUnits(...))
    engine.status.changed.connect(...)  # ConnectionStatus: state, pending, refused, latency_ms
    engine.store.refusals.changed.connect(...)  # the refusal inbox: local and server refusals
    ...
    await engine.stop(); engine.close()

Modules: ``cache`` (SQLite file), ``outbox`` (queued commands), ``replica`` (confirmed state),
``projection`` and ``feed`` (what the store shows), ``link`` (the connection loop), ``jobs``,
``backoff``, ``status`` and ``engine``. ``cache``, ``outbox``, ``replica``, ``projection``,
``jobs`` and ``backoff`` are plain Python without Qt.
"""
