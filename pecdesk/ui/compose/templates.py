"""The Compose tab's Templates menu: apply a saved letter, save the form as one, manage them.

Applying a template fills the subject, the body and the shared attachments, and nothing else:
the form is then checked by the usual pre-flight, so a merge field the recipient list lacks,
or a template file gone missing, blocks Send as if it had been typed. Saving, editing and
deleting go to :class:`pecdesk.services.sending.templates.TemplateService` in the background.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from pecdesk.services.sending.templates import Template, TemplateService, name_key
from pecdesk.ui.widgets.tasks import TaskRunner

if TYPE_CHECKING:  # the list of templates is imported when first opened, not at start-up
    from pecdesk.ui.compose.template_dialogs import TemplatesDialog


class TemplatesButton(QToolButton):
    """A "Templates" button whose menu lists the templates, then Save and Manage.

    Attributes:
        save_action: saves the form as a template.
        manage_action: opens the list of templates (apply, edit, delete).
        dialog: the save or manage dialog while it is open.

    Signals:
        chosen(object): the person chose this Template: fill the form with it.
        saved(object): this Template was stored.
    """

    chosen = Signal(object)
    saved = Signal(object)

    def __init__(
        self,
        *,
        current: Callable[[], Template],
        tasks: TaskRunner | None,
        parent: QWidget | None = None,
    ) -> None:
        """Save ``current()`` (the form as a template, its name left empty) when asked."""
        super().__init__(parent)
        self._current = current
        self._tasks = tasks
        self._service: TemplateService | None = None
        self.dialog: QDialog | None = None
        self.setText(self.tr("Templates"))
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setMenu(QMenu(self))
        self.menu().aboutToShow.connect(self._fill_menu)
        self.save_action = QAction(self.tr("Save as template…"), self)
        self.save_action.triggered.connect(self.save_current)
        self.manage_action = QAction(self.tr("Manage templates…"), self)
        self.manage_action.triggered.connect(self.manage)
        self.use(None)

    @property
    def service(self) -> TemplateService | None:
        """The templates, when they are available."""
        return self._service

    def use(self, service: TemplateService | None) -> None:
        """Offer the templates of ``service`` (None: the button is off)."""
        self._service = service
        usable = service is not None and self._tasks is not None
        self.setEnabled(usable)
        self.setToolTip("" if usable else self.tr("Templates are not available"))

    def _fill_menu(self) -> None:
        menu = self.menu()
        menu.clear()
        names = [t.name for t in self._service.templates()] if self._service else []
        for name in names:
            action = menu.addAction(name)
            action.triggered.connect(lambda _checked=False, n=name: self.apply(n))
        if not names:
            empty = menu.addAction(self.tr("No templates yet"))
            empty.setEnabled(False)
        menu.addSeparator()
        menu.addAction(self.save_action)
        menu.addAction(self.manage_action)

    def apply(self, name: str) -> bool:
        """Fill the form with the template called ``name``; False when there is none."""
        template = self._service.get(name) if self._service else None
        if template is not None:
            self.chosen.emit(template)
        return template is not None

    def save_current(self) -> SaveTemplateDialog | None:
        """Ask for a name, then save the form as a template."""
        service, tasks = self._service, self._tasks
        if service is None or tasks is None:
            return None
        dialog = SaveTemplateDialog([t.name for t in service.templates()], parent=self.window())
        dialog.name_chosen.connect(lambda name: self._save(service, tasks, name))
        self._show(dialog)
        return dialog

    def _save(self, service: TemplateService, tasks: TaskRunner, name: str) -> None:
        form = self._current()
        template = Template(name, form.subject, form.body, form.attachments)

        async def save() -> None:
            self.saved.emit(await service.save(template))

        tasks.run_task(save(), parent=self)

    def manage(self) -> TemplatesDialog | None:
        """Open the list of templates."""
        if self._service is None or self._tasks is None:
            return None
        from pecdesk.ui.compose.template_dialogs import TemplatesDialog  # noqa: PLC0415 - see top

        dialog = TemplatesDialog(service=self._service, tasks=self._tasks, parent=self.window())
        dialog.chosen.connect(self.chosen)
        self._show(dialog)
        return dialog

    def _show(self, dialog: QDialog) -> None:
        self.dialog = dialog
        dialog.finished.connect(lambda _code: self._closed(dialog))
        dialog.open()

    def _closed(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()


class SaveTemplateDialog(QDialog):
    """Asks the name to save the letter under; warns when that replaces a template.

    Attributes:
        name_combo: the name (a new one typed, or an existing one picked to replace it).
        replace_label: says that saving replaces the template of that name.
        save_button: enabled once there is a name.

    Signals:
        name_chosen(str): save under this name.
    """

    name_chosen = Signal(str)

    def __init__(self, names: list[str], *, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("saveTemplateDialog")
        self.setWindowTitle(self.tr("Save as template"))
        self._names = {name_key(name) for name in names}
        explanation = QLabel(
            self.tr("The subject, the text and the attachments are saved; the recipients and "
                    "the signature are not."),
            self,
        )
        explanation.setWordWrap(True)
        explanation.setTextFormat(Qt.TextFormat.PlainText)
        self.name_combo = QComboBox(self)
        self.name_combo.setEditable(True)
        self.name_combo.addItems(names)
        self.name_combo.setCurrentIndex(-1)
        self.name_combo.setEditText("")
        self.name_combo.editTextChanged.connect(self._name_changed)
        self.replace_label = QLabel(
            self.tr("A template with this name exists: saving replaces it."), self
        )
        self.replace_label.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Name:"), self.name_combo)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addLayout(form)
        layout.addWidget(self.replace_label)
        layout.addWidget(buttons)
        self._name_changed("")

    def _name_changed(self, text: str) -> None:
        self.save_button.setEnabled(bool(text.strip()))
        self.replace_label.setVisible(name_key(text) in self._names)

    def _accept(self) -> None:
        name = self.name_combo.currentText().strip()
        if name:
            self.name_chosen.emit(name)
            self.accept()
