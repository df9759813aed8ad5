"""CityOps application core: everything that is not a widget."""
