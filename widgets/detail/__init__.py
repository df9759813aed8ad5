"""Incident detail: fields, stage timeline, narrative, units, links, cameras and case actions."""
