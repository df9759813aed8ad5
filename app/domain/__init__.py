"""Domain model and rules of CityOps. Pure Python: no Qt, no I/O beyond reading resource files."""
