"""Qt item models (QtCore only) that views display."""
