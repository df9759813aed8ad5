"""The keyboard-first command line with history and completion."""

from __future__ import annotations

import logging

from PySide6 import QtCore, QtGui, QtWidgets

from app.console.cmdline import CommandLineParser, ParseError, ParseResult
from app.console.i18n import QT_TRANSLATE_NOOP
from app.store.gateway import CommandGateway
from app.store.selection import Selection
from widgets.elided_label import ElidedLabel
from widgets.util import named

log = logging.getLogger(__name__)

SHORTCUTS: list[tuple[str, str]] = [
    (QT_TRANSLATE_NOOP("Keys", "F2 / Ctrl+K"), QT_TRANSLATE_NOOP("Keys", "Focus the command line")),
    (
        QT_TRANSLATE_NOOP("Keys", "Up / Down"),
        QT_TRANSLATE_NOOP("Keys", "Command line: previous / next command in history"),
    ),
    (
        "Tab",
        QT_TRANSLATE_NOOP(
            "Keys", "Command line: complete the word (verbs, categories, units, incidents)"
        ),
    ),
    ("Enter", QT_TRANSLATE_NOOP("Keys", "Command line: run")),
    ("Esc", QT_TRANSLATE_NOOP("Keys", "Command line: clear")),
]


class CommandLine(QtWidgets.QWidget):
    """Parses a line and sends the resulting commands through the one command path."""

    helpRequested = QtCore.Signal()
    acknowledgeRequested = QtCore.Signal()
    executed = QtCore.Signal(str)  # summary of what was sent

    def __init__(
        self,
        parser: CommandLineParser,
        gateway: CommandGateway,
        selection: Selection,
        parent: QtWidgets.QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("CommandLine")
        self._parser = parser
        self._gateway = gateway
        self._selection = selection
        self._history: list[str] = []
        self._pos = 0
        self.edit = named(QtWidgets.QLineEdit(), "CommandLineEdit")
        # Examples of commands: the verbs and codes are typed as they are in every language.
        self.edit.setPlaceholderText(
            "N fire.structure @ 37.781,-122.411 P1   ·   D 123 E12 M4   ·   S E12 onscene   ·   HELP"
        )  # i18n: ignore
        font = QtGui.QFontDatabase.systemFont(QtGui.QFontDatabase.SystemFont.FixedFont)
        font.setPointSize(13)
        self.edit.setFont(font)
        self.edit.installEventFilter(self)
        self.edit.returnPressed.connect(self.run)
        self._completer_model = QtCore.QStringListModel(self)
        self._completer = QtWidgets.QCompleter(self._completer_model, self)
        self._completer.setCaseSensitivity(QtCore.Qt.CaseSensitivity.CaseInsensitive)
        self._completer.setCompletionMode(QtWidgets.QCompleter.CompletionMode.PopupCompletion)
        self._completer.setWidget(self.edit)
        self._completer.activated.connect(self._insert_completion)
        self.feedback = named(ElidedLabel(), "CommandFeedback")
        self.feedback.setMinimumWidth(320)
        # Beside a stretching line edit an Ignored-width label is laid out with no width at the
        # far end and pushed past the window's edge by its minimum: ask for its (capped) text.
        self.feedback.setSizePolicy(
            QtWidgets.QSizePolicy.Policy.Preferred, QtWidgets.QSizePolicy.Policy.Preferred
        )
        prompt = QtWidgets.QLabel(">")
        prompt.setFont(font)
        lay = QtWidgets.QHBoxLayout(self)
        lay.setContentsMargins(6, 4, 6, 4)
        lay.addWidget(prompt)
        lay.addWidget(self.edit, 1)
        lay.addWidget(self.feedback)

    def focus(self) -> None:
        # F2 may be pressed in a window on another monitor: the main window has to become the
        # active window too, or the keys typed next keep going to the other window.
        top = self.window()
        top.raise_()
        top.activateWindow()
        self.edit.setFocus(QtCore.Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()

    def run(self, text: str | None = None) -> ParseResult | None:
        line = self.edit.text() if text is None else text
        if not line.strip():
            return None
        try:
            result = self._parser.parse(line)
        except ParseError as exc:
            self._say(str(exc), ok=False)
            return None
        self._history.append(line)
        self._pos = len(self._history)
        if result.action == "help":
            self.helpRequested.emit()
        elif result.action == "ack":
            self.acknowledgeRequested.emit()
        for cmd in result.commands:
            # The typed command; the gateway adds the version of the incident shown here, so a
            # command typed on a stale view is refused as a conflict, not applied over newer work.
            self._gateway.submit(cmd.command)
            if cmd.select:
                self._selection.select_incident(cmd.select)
            self.executed.emit(cmd.summary)
        summaries = "; ".join(c.summary for c in result.commands) or result.action
        self._say(self.tr("sent: %1").replace("%1", summaries), ok=True)
        self.edit.clear()
        return result

    def _say(self, text: str, ok: bool) -> None:
        color = "#35c46a" if ok else "#ff6b6b"
        self.feedback.setStyleSheet(f"color: {color}; font-weight: bold;")
        self.feedback.setText(text)
        self.feedback.setToolTip(text)

    def _insert_completion(self, text: str) -> None:
        self.edit.setText(text + " ")

    def eventFilter(self, obj: QtCore.QObject, event: QtCore.QEvent) -> bool:
        if obj is self.edit and event.type() == QtCore.QEvent.Type.KeyPress:
            assert isinstance(event, QtGui.QKeyEvent)
            key = event.key()
            if key == QtCore.Qt.Key.Key_Up and self._history:
                self._pos = max(0, self._pos - 1)
                self.edit.setText(self._history[self._pos])
                return True
            if key == QtCore.Qt.Key.Key_Down and self._history:
                self._pos = min(len(self._history), self._pos + 1)
                self.edit.setText(
                    self._history[self._pos] if self._pos < len(self._history) else ""
                )
                return True
            if key == QtCore.Qt.Key.Key_Tab:
                self.complete()
                return True
            if key == QtCore.Qt.Key.Key_Escape:
                self.edit.clear()
                return True
        return super().eventFilter(obj, event)

    def complete(self) -> list[str]:
        options = self._parser.completions(self.edit.text())
        if len(options) == 1:
            self.edit.setText(options[0] + " ")
        elif options:
            self._completer_model.setStringList(options)
            self._completer.setCompletionPrefix(self.edit.text())
            self._completer.complete()
        return options

    @property
    def history(self) -> list[str]:
        return list(self._history)
