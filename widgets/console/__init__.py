"""Console-wide widgets: main window, command line, status bar, help overlay, alerts."""
