"""Console logic that is not a widget: command line, intake rules, resource models."""
