"""Printable reports (PDF through Qt's own PDF writer; QtGui only, no widgets)."""
