"""Qt views of CityOps. Widgets read the store and send commands; they never touch SQLite or sockets."""
