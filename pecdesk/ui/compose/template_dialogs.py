"""Managing templates: the list (apply, edit, delete) and the editor of one template."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from pecdesk.services.sending.templates import Template, TemplateService, name_key
from pecdesk.ui.compose.attachments import AttachmentsBox
from pecdesk.ui.dialogs.ask import ask
from pecdesk.ui.widgets.tasks import TaskRunner


class TemplatesDialog(QDialog):
    """Every template, with what it holds; apply, edit or delete the selected one.

    Attributes:
        list_widget: the templates' names.
        details_label: the selected template's subject, merge fields and attachments.
        apply_button, edit_button, delete_button: act on the selected template.
        editor: the editor while it is open.
        ask: asks a yes/no question (tests replace it; see :func:`pecdesk.ui.dialogs.ask.ask`).

    Signals:
        chosen(object): fill the form with this Template.
        changed(): a template was edited or deleted (the list shows it already).
    """

    chosen = Signal(object)
    changed = Signal()

    def __init__(
        self, *, service: TemplateService, tasks: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._tasks = tasks
        self.editor: TemplateEditor | None = None
        self.ask = ask
        self.setObjectName("templatesDialog")
        self.setWindowTitle(self.tr("Templates"))
        self.list_widget = QListWidget(self)
        self.list_widget.currentTextChanged.connect(self._selected)
        self.details_label = QLabel(self)
        self.details_label.setWordWrap(True)
        self.details_label.setTextFormat(Qt.TextFormat.PlainText)
        self.apply_button = QPushButton(self.tr("Use in the message"), self)
        self.apply_button.clicked.connect(self.apply_selected)
        self.edit_button = QPushButton(self.tr("Edit…"), self)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button = QPushButton(self.tr("Delete"), self)
        self.delete_button.clicked.connect(self.delete_selected)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        for button in (self.apply_button, self.edit_button, self.delete_button):
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list_widget, 1)
        layout.addWidget(self.details_label)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.reload()

    def reload(self, select: str = "") -> None:
        """List the templates again, selecting ``select`` (else the first)."""
        names = [t.name for t in self._service.templates()]
        self.list_widget.clear()
        self.list_widget.addItems(names)
        keys = [name_key(name) for name in names]
        row = keys.index(name_key(select)) if name_key(select) in keys else 0
        self.list_widget.setCurrentRow(row if names else -1)
        self._selected(self.list_widget.currentItem().text() if names else "")

    def selected(self) -> Template | None:
        """The selected template."""
        item = self.list_widget.currentItem()
        return self._service.get(item.text()) if item is not None else None

    def _selected(self, _name: str) -> None:
        template = self.selected()
        for button in (self.apply_button, self.edit_button, self.delete_button):
            button.setEnabled(template is not None)
        if template is None:
            self.details_label.setText(self.tr("No templates yet. To make one, write the "
                                               "message, then choose Templates > Save as "
                                               "template."))
            return
        fields = ", ".join(f"{{{{{name}}}}}" for name in template.fields()) or self.tr("none")
        files = ", ".join(path.name for path in template.attachments) or self.tr("none")
        self.details_label.setText(
            self.tr("Subject: {subject}\nMerge fields: {fields}\nAttachments: {files}").format(
                subject=template.subject, fields=fields, files=files
            )
        )

    def apply_selected(self) -> None:
        """Fill the form with the selected template and close."""
        template = self.selected()
        if template is not None:
            self.chosen.emit(template)
            self.accept()

    def edit_selected(self) -> TemplateEditor | None:
        """Open the editor on the selected template."""
        template = self.selected()
        if template is None:
            return None
        others = {name_key(t.name) for t in self._service.templates()} - {
            name_key(template.name)
        }
        editor = TemplateEditor(template, taken=others, parent=self)
        editor.edited.connect(lambda new: self._save(new, template.name))
        editor.finished.connect(lambda _code: self._editor_closed(editor))
        self.editor = editor
        editor.open()
        return editor

    def _editor_closed(self, editor: TemplateEditor) -> None:
        if self.editor is editor:
            self.editor = None
        editor.deleteLater()

    def _save(self, template: Template, old_name: str) -> None:
        async def save() -> None:
            stored = await self._service.save(template, replacing=old_name)
            self.reload(stored.name)
            self.changed.emit()

        self._tasks.run_task(save(), parent=self)

    def delete_selected(self) -> None:
        """Ask, then delete the selected template."""
        template = self.selected()
        if template is None:
            return

        async def delete() -> None:
            question = self.tr("Delete the template {name}? This cannot be undone.").format(
                name=template.name
            )
            if not await self.ask(self, self.tr("Delete template"), question):
                return
            await self._service.delete(template.name)
            self.reload()
            self.changed.emit()

        self._tasks.run_task(delete(), parent=self, busy=self.delete_button)


class TemplateEditor(QDialog):
    """Edit one template: its name, subject, text and attachments.

    Attributes:
        name_edit, subject_edit, body_edit, attachments: the template's parts.
        problem_label: why it cannot be saved (no name, a name already taken).
        save_button: saves and closes.

    Signals:
        edited(object): save this Template in place of the one being edited.
    """

    edited = Signal(object)

    def __init__(
        self, template: Template, *, taken: set[str], parent: QWidget | None = None
    ) -> None:
        """Edit ``template``; the names in ``taken`` (see ``name_key``) belong to others."""
        super().__init__(parent)
        self._taken = taken
        self.setObjectName("templateEditor")
        self.setWindowTitle(self.tr("Edit template"))
        self.name_edit = QLineEdit(template.name, self)
        self.name_edit.textChanged.connect(self._check)
        self.subject_edit = QLineEdit(template.subject, self)
        self.body_edit = QTextEdit(self)
        self.body_edit.setAcceptRichText(True)
        self.body_edit.setHtml(template.body)
        self.attachments = AttachmentsBox(self)
        self.attachments.set_paths(template.attachments)
        self.problem_label = QLabel(self)
        self.problem_label.setTextFormat(Qt.TextFormat.PlainText)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Name:"), self.name_edit)
        form.addRow(self.tr("Subject:"), self.subject_edit)
        form.addRow(self.tr("Text:"), self.body_edit)
        form.addRow(self.tr("Attachments:"), self.attachments)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem_label)
        layout.addWidget(buttons)
        self._check()

    def _check(self) -> None:
        name = self.name_edit.text()
        problem = ""
        if not name.strip():
            problem = self.tr("Give the template a name.")
        elif name_key(name) in self._taken:
            problem = self.tr("Another template already has this name.")
        self.problem_label.setText(problem)
        self.save_button.setEnabled(not problem)

    def _accept(self) -> None:
        if not self.save_button.isEnabled():
            return
        body = self.body_edit.toHtml() if self.body_edit.toPlainText().strip() else ""
        self.edited.emit(Template(self.name_edit.text().strip(), self.subject_edit.text(), body,
                                  self.attachments.paths()))
        self.accept()
