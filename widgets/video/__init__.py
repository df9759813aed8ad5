"""The video wall: camera tiles, the wall grid, the camera list and the panel that joins them."""
