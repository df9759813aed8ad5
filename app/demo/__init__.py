"""The demo city running by itself: scenario calls and simulated field units."""
