"""Map data without widgets: basemap files, spatial index, gazetteer, tile sources, projection."""
