"""The console's language: Qt translators for our catalogue and Qt's own strings, and the locale
dates, times and numbers follow. QtCore only."""

from __future__ import annotations

import logging

from PySide6 import QtCore

from app.paths import resource_path

log = logging.getLogger(__name__)

LANGUAGES: dict[str, str] = {"en": "English", "zh_CN": "简体中文"}


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:
    """Marks ``source`` for the catalogue under ``context``; it is translated where it is shown.
    PySide6's own marker is typed as returning ``object``: this one keeps ``str``."""
    return source


_active = ["en"]  # the language last set (one console per process)


def active_language() -> str:
    """The language the console shows now ("en" or a key of LANGUAGES)."""
    return _active[0]


class Translations(QtCore.QObject):
    """Owns the installed translators; ``set_language`` swaps them (Qt then sends every widget a
    LanguageChange event)."""

    def __init__(self, app: QtCore.QCoreApplication, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self._installed: list[QtCore.QTranslator] = []
        self.language = "en"

    def set_language(self, lang: str) -> bool:
        """Switch to ``lang`` (a key of LANGUAGES); False (and English) when it cannot be loaded."""
        if lang not in LANGUAGES:
            raise ValueError(f"unknown language {lang!r}; known: {', '.join(LANGUAGES)}")
        for tr in self._installed:
            self._app.removeTranslator(tr)
        self._installed.clear()
        self.language = lang
        _active[0] = lang
        QtCore.QLocale.setDefault(QtCore.QLocale(lang))
        if lang == "en":
            return True
        ours = QtCore.QTranslator(self)
        path = resource_path("i18n", f"cityops_{lang}.qm")
        if not ours.load(str(path)):
            log.error("no translation for %s at %s (run scripts/i18n.py release)", lang, path)
            self.language = "en"
            _active[0] = "en"
            QtCore.QLocale.setDefault(QtCore.QLocale("en"))
            return False
        self._app.installTranslator(ours)
        self._installed.append(ours)
        qt = QtCore.QTranslator(self)
        qt_dir = QtCore.QLibraryInfo.path(QtCore.QLibraryInfo.LibraryPath.TranslationsPath)
        if qt.load(QtCore.QLocale(lang), "qtbase", "_", qt_dir):
            self._app.installTranslator(qt)
            self._installed.append(qt)
        return True
