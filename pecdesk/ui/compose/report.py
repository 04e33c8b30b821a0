"""The review column: the merged preview of one recipient, and the pre-flight report as a list.

The report lists blocking errors first, then warnings, each with its line.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

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
        # Long findings wrap in the narrow column instead of running off to the right.
        self.setWordWrap(True)
        self.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

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


class ReviewBox(QGroupBox):
    """Which recipient to preview, their message as it will be sent, and the pre-flight report.

    Its words keep the Compose tab's translation context: the box was part of the tab.

    Attributes:
        preview_row: which recipient the preview shows (1-based).
        preview_subject: the previewed subject.
        preview_body: the previewed body, exactly as sent.
        report_view: the pre-flight findings.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(QCoreApplication.translate("ComposeTab", "Preview and checks"), parent)
        self.preview_row = QSpinBox(self)
        self.preview_row.setMinimum(1)
        self.preview_subject = QLabel(self)
        self.preview_subject.setTextFormat(Qt.TextFormat.PlainText)
        self.preview_subject.setWordWrap(True)
        self.preview_body = QTextBrowser(self)
        self.preview_body.setOpenLinks(False)
        self.report_view = ReportView(self)
        form = QFormLayout()
        # The subject above its label's row when narrow: a wrapped label beside a short label
        # column was clipped to one line.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.addRow(QCoreApplication.translate("ComposeTab", "Recipient no.:"), self.preview_row)
        form.addRow(QCoreApplication.translate("ComposeTab", "Subject:"), self.preview_subject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.preview_body, 2)
        title = QCoreApplication.translate("ComposeTab", "Pre-flight report:")
        layout.addWidget(QLabel(title, self))
        layout.addWidget(self.report_view, 1)
