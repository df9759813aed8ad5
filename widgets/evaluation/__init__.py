"""Department evaluation view."""
