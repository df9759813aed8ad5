"""Switching the console's language while it runs (View > Language), without a restart.

Why retranslate in place rather than rebuild the window: the panels connect lambdas to the
long-lived store and selection (``store.unitsChanged.connect(lambda _ids: self.refresh())``);
a rebuilt window would leave the old panels' lambdas behind, each raising "C++ object already
deleted" on every later change. So the same widgets stay, and their words change:

- fixed captions (buttons, labels, menus, tabs, tooltips, placeholders, dock titles) are swapped
  for their counterpart in the new language, looked up in the catalogue's pairs
  (resources/i18n/cityops_<lang>.json, written by ``scripts/i18n.py release`` beside the .qm):
  this covers every panel, including ones that have no retranslation code of their own;
- texts a panel computes (counts, "%1 is %2" messages) are computed again: a panel's
  ``retranslate()`` is called, table models re-announce their headers and rows;
- the F1 overlay translates its keys when it paints, the status bar re-renders its fields.

The choice is kept in the desk settings (``language``) and used at the next start.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable

from PySide6 import QtCore, QtGui, QtWidgets

from app.console.i18n import LANGUAGES, QT_TRANSLATE_NOOP, Translations, active_language
from app.paths import resource_path

log = logging.getLogger(__name__)

SETTINGS_KEY = "language"
PRESET_NAMES = {
    "dispatcher": QT_TRANSLATE_NOOP("Workspace", "dispatcher"),
    "supervisor": QT_TRANSLATE_NOOP("Workspace", "supervisor"),
    "video wall": QT_TRANSLATE_NOOP("Workspace", "video wall"),
}


def preset_name(name: str) -> str:
    return QtCore.QCoreApplication.translate("Workspace", PRESET_NAMES.get(name, name))


def language_menu(parent: QtWidgets.QMenu, choose: Callable[[str], object]) -> QtWidgets.QMenu:
    """View > Language: one checkable entry per language, each in its own name."""
    menu = parent.addMenu(QtCore.QCoreApplication.translate("Console", "Language"))
    menu.setObjectName("LanguageMenu")
    group = QtGui.QActionGroup(menu)
    group.setExclusive(True)
    current = active_language()
    for lang, native in LANGUAGES.items():
        act = menu.addAction(native)  # i18n: ignore (a language is named in its own words)
        act.setObjectName(f"language-{lang}")
        act.setCheckable(True)
        act.setChecked(lang == current)
        group.addAction(act)
        act.triggered.connect(lambda _c=False, lang=lang: choose(lang))
    return menu


def saved_language(settings: QtCore.QSettings, default: str = "en") -> str:
    lang = str(settings.value(SETTINGS_KEY, default) or default)
    return lang if lang in LANGUAGES else default


class Catalogue:
    """The catalogue's (context, English, translation) triples for one language."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.to_lang: dict[str, dict[str, str]] = {}  # English -> {context: translation}
        self.to_en: dict[str, str] = {}  # translation -> English
        path = resource_path("i18n", f"cityops_{lang}.json")
        try:
            rows = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            log.warning(
                "no catalogue pairs for %s (%s): fixed captions keep their words", lang, exc
            )
            rows = []
        for ctx, src, text in rows:
            self.to_lang.setdefault(src, {})[ctx] = text
            self.to_en.setdefault(text, src)

    def english(self, text: str) -> str | None:
        return self.to_en.get(text)

    def translated(self, english: str, contexts: Iterable[str]) -> str | None:
        found = self.to_lang.get(english)
        if not found:
            return None
        for ctx in contexts:
            if ctx in found:
                return found[ctx]
        return next(iter(found.values()))


def _contexts(obj: QtCore.QObject) -> list[str]:
    """The tr() contexts a caption of ``obj`` may come from: its class and its parents' classes."""
    out = []
    o: QtCore.QObject | None = obj
    while o is not None:
        out.append(type(o).__name__)
        o = o.parent()
    return out


class LanguageSwitch(QtCore.QObject):
    """Installs the translator for a language and retranslates the open console windows."""

    switched = QtCore.Signal(str)

    def __init__(
        self,
        translations: Translations,
        settings: QtCore.QSettings | None = None,
        parent: QtCore.QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.translations = translations
        self.settings = settings
        self.windows: list[QtWidgets.QWidget] = []
        self._catalogues: dict[str, Catalogue] = {}

    def attach(self, window: QtWidgets.QWidget) -> None:
        """Retranslate ``window`` on every switch (and switch when its menu asks)."""
        self.windows.append(window)
        requested = getattr(window, "languageRequested", None)
        if requested is not None:
            requested.connect(self.switch)

    def _catalogue(self, lang: str) -> Catalogue:
        if lang not in self._catalogues:
            self._catalogues[lang] = Catalogue(lang)
        return self._catalogues[lang]

    def switch(self, lang: str) -> bool:
        old = self.translations.language
        if lang == old:
            return True
        ok = self.translations.set_language(lang)
        new = self.translations.language
        if self.settings is not None:
            self.settings.setValue(SETTINGS_KEY, new)
        for window in self.windows:
            self.retranslate(window, old, new)
        self.switched.emit(new)
        return ok

    # --- retranslation ----------------------------------------------------------------------------
    def _convert(self, text: str, old: str, new: str, obj: QtCore.QObject) -> str | None:
        if not text:
            return None
        english = text if old == "en" else self._catalogue(old).english(text)
        if english is None:
            return None
        if new == "en":
            return english if english != text else None
        out = self._catalogue(new).translated(english, _contexts(obj))
        return out if out and out != text else None

    def retranslate(self, window: QtWidgets.QWidget, old: str, new: str) -> None:
        objects: list[QtCore.QObject] = [window, *window.findChildren(QtCore.QObject)]
        workspace = getattr(window, "workspace", None)
        manager = getattr(workspace, "manager", None)
        if manager is not None:
            # Panels sent to another monitor live in the dock manager's floating windows.
            for fw in manager.floatingWidgets():
                objects += [fw, *fw.findChildren(QtCore.QObject)]
        # A closed panel's dock is in no window at all.
        for dock in getattr(workspace, "docks", {}).values():
            objects += [dock, *dock.findChildren(QtCore.QObject)]
        seen: set[int] = set()
        for obj in objects:
            if id(obj) in seen:
                continue
            seen.add(id(obj))
            self._retranslate_object(obj, old, new)
        for obj in objects:
            # Tables (a completer's word list or a proxy has nothing of its own to translate).
            if isinstance(obj, QtCore.QAbstractTableModel):
                try:
                    retranslate = getattr(obj, "retranslate", None)
                    if callable(retranslate):
                        retranslate()  # a model that caches its texts drops them
                    _refresh_model(obj)  # a proxy passes its source's signals on
                except Exception:
                    log.exception("%s after the language switch", type(obj).__name__)
        panels = getattr(window, "panels", {})
        for panel in panels.values():
            panel.title = self._convert(panel.title, old, new, window) or panel.title
            if panel.section:
                panel.section = self._convert(panel.section, old, new, window) or panel.section
        for panel in panels.values():
            # Only panels that say how: a plain refresh() may start staged work (timers) that
            # outlives the panel.
            widget = panel.widget
            fn = getattr(widget, "retranslate", None)
            if callable(fn):
                try:
                    fn()
                except Exception:
                    log.exception("%s.retranslate after the language switch", type(widget).__name__)
        rebuild = getattr(window, "retranslate", None)
        if callable(rebuild):
            rebuild()

    def _retranslate_object(self, obj: QtCore.QObject, old: str, new: str) -> None:
        def swap(get: Callable[[], str], put: Callable[[str], None]) -> None:
            text = self._convert(get(), old, new, obj)
            if text is not None:
                put(text)

        if isinstance(obj, QtGui.QAction):
            swap(obj.text, obj.setText)
            swap(obj.toolTip, obj.setToolTip)
            swap(obj.statusTip, obj.setStatusTip)
            return
        if not isinstance(obj, QtWidgets.QWidget):
            return
        swap(obj.toolTip, obj.setToolTip)
        if (
            obj.isWindow()
            or type(obj).__name__ == "CDockWidget"
            or isinstance(obj, QtWidgets.QToolBar)
        ):
            swap(obj.windowTitle, obj.setWindowTitle)
        if isinstance(obj, (QtWidgets.QLabel, QtWidgets.QAbstractButton)):
            swap(obj.text, obj.setText)
        if isinstance(obj, QtWidgets.QLineEdit):
            swap(obj.placeholderText, obj.setPlaceholderText)
        if isinstance(obj, QtWidgets.QPlainTextEdit | QtWidgets.QTextEdit):
            swap(obj.placeholderText, obj.setPlaceholderText)
        if isinstance(obj, QtWidgets.QGroupBox):
            swap(obj.title, obj.setTitle)
        if isinstance(obj, QtWidgets.QMenu):
            swap(obj.title, obj.setTitle)
        if isinstance(obj, QtWidgets.QTabWidget):
            for i in range(obj.count()):
                for text, put in (
                    (obj.tabText(i), obj.setTabText),
                    (obj.tabToolTip(i), obj.setTabToolTip),
                ):
                    new_text = self._convert(text, old, new, obj)
                    if new_text is not None:
                        put(i, new_text)
        if isinstance(obj, QtWidgets.QComboBox):
            for i in range(obj.count()):
                new_text = self._convert(obj.itemText(i), old, new, obj)
                if new_text is not None:
                    obj.setItemText(i, new_text)
        if isinstance(obj, QtWidgets.QAbstractSpinBox):
            if isinstance(obj, QtWidgets.QSpinBox | QtWidgets.QDoubleSpinBox):
                swap(obj.suffix, obj.setSuffix)
                swap(obj.prefix, obj.setPrefix)
            swap(obj.specialValueText, obj.setSpecialValueText)


def _refresh_model(model: QtCore.QAbstractItemModel) -> None:
    """Make the views ask again for headers and cells (both are translated when asked for)."""
    root = QtCore.QModelIndex()
    cols = model.columnCount(root)
    if cols:
        model.headerDataChanged.emit(QtCore.Qt.Orientation.Horizontal, 0, cols - 1)
    rows = model.rowCount(root)
    if rows and cols:
        model.dataChanged.emit(model.index(0, 0), model.index(rows - 1, cols - 1))
