"""Agency resource panels (units, linkage requests) and the unit recommendation panel."""
