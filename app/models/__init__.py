"""Qt item models (QtCore, and QtGui for colours and fonts; no widgets) that views display."""
