"""The city map widget, its layers and a PNG grabber."""

from widgets.map.map_widget import LAYERS, MapWidget
from widgets.map.screenshot import render_map_png

__all__ = ["LAYERS", "MapWidget", "render_map_png"]
