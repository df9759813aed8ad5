"""The incident queue view."""
