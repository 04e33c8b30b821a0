"""The pre-flight report as a list: blocking errors first, then warnings, each with its line."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from pecdesk.services.sending.preflight import Issue, Report, Severity

MAX_SHOWN = 500


def issue_text(issue: Issue) -> str:
    """The translated text of ``issue``, with its line."""
    text = QCoreApplication.translate("Preflight", issue.kind.value).format(detail=issue.detail)
    if issue.line:
        return QCoreApplication.translate("ReportView", "Line {line}: {text}").format(
            line=issue.line, text=text
        )
    return text


class ReportView(QListWidget):
    """Lists the findings of a :class:`~pecdesk.services.sending.preflight.Report`.

    Attributes:
        report: the report shown.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report = Report()

    def show_report(self, report: Report) -> None:
        """Replace the list with ``report``'s findings."""
        self.report = report
        self.clear()
        ordered = [*report.blocking, *report.warnings]
        for issue in ordered[:MAX_SHOWN]:
            blocking = issue.severity is Severity.BLOCKING
            prefix = self.tr("Error") if blocking else self.tr("Warning")
            item = QListWidgetItem(f"{prefix} · {issue_text(issue)}")
            item.setForeground(QBrush(QColor("#b00020" if blocking else "#8a5a00")))
            self.addItem(item)
        if len(ordered) > MAX_SHOWN:
            self.addItem(self.tr("… and {count} more").format(count=len(ordered) - MAX_SHOWN))
        if not ordered:
            self.addItem(self.tr("No problem found."))
