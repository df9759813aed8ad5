"""Cases that open themselves: the MQTT sensor intake and the video analytics (no Qt here)."""
