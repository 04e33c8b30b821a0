"""The account dialog: add or edit an account, test its connection, keep its secrets safe."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from pecdesk.accounts.account import Account
from pecdesk.accounts.profiles import AccountProfile, Environment, new_account_id
from pecdesk.errors import PecError
from pecdesk.services.session import ConnectionCheck, ConnectionVerdict, SessionService
from pecdesk.ui.dialogs.ask import error_texts
from pecdesk.ui.widgets.banner import Banner, BannerKind
from pecdesk.ui.widgets.tasks import TaskRunner

_MB = 1000 * 1000


class AccountDialog(QDialog):
    """Add a PEC Massiva account, or edit one; the token and password go only to the keychain.

    Attributes:
        profile: the account being edited; None for a new one.
        keychain_banner: says why nothing can be saved when there is no usable keychain.
        error_banner: why the last save failed.
        name_edit, environment_combo, url_edit, token_edit, sender_edit, username_edit,
            password_edit, rate_spin, size_spin, signature_edit: the form.
        test_button: "Test connection".
        result_label: what the last test found.
        save_button: saves and closes.

    Signals:
        account_saved(str): the account with this id was saved.
        test_finished(object): a connection test ended, with its ConnectionCheck.
    """

    account_saved = Signal(str)
    test_finished = Signal(object)

    def __init__(
        self,
        *,
        session: SessionService,
        tasks: TaskRunner,
        remember_secret: Callable[[str], None],
        profile: AccountProfile | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._tasks = tasks
        self._remember_secret = remember_secret
        self.profile = profile
        self.setObjectName("accountDialog")
        self.setWindowTitle(self.tr("Add account") if profile is None else self.tr("Edit account"))
        self.keychain_banner = Banner(BannerKind.WARNING, self)
        self.keychain_banner.hide()
        self.error_banner = Banner(BannerKind.WARNING, self)
        self.error_banner.hide()
        self._build_form()
        self.test_button = QPushButton(self.tr("Test connection"), self)
        self.test_button.clicked.connect(self.test_connection)
        self.result_label = QLabel(self)
        self.result_label.setWordWrap(True)
        self.result_label.setTextFormat(Qt.TextFormat.PlainText)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self._buttons = buttons

        layout = QVBoxLayout(self)
        layout.addWidget(self.keychain_banner)
        layout.addWidget(self._explanation())
        layout.addLayout(self._form)
        row = QHBoxLayout()
        row.addWidget(self.test_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self.result_label)
        layout.addWidget(self.error_banner)
        layout.addWidget(buttons)
        self._fill(profile)
        problem = session.keychain_problem()
        if problem is not None:
            self.keychain_banner.show_message("\n".join(error_texts(problem)))
            self.save_button.setEnabled(False)

    def _explanation(self) -> QLabel:
        label = QLabel(
            self.tr(
                "The API token comes from openapi, the company behind PEC Massiva: sign in to "
                "the openapi console, open Authentication and create a token with the PEC "
                "Massiva permissions (a test token for the test environment), then paste it "
                "here. The username and password are those of the PEC mailbox you send from. "
                "pecdesk keeps the token and the password only in the system keychain."
            ),
            self,
        )
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        return label

    def _build_form(self) -> None:
        self.name_edit = QLineEdit(self)
        self.name_edit.setPlaceholderText(self.tr("Optional, e.g. Studio Rossi"))
        self.environment_combo = QComboBox(self)
        self.environment_combo.addItem(
            self.tr("PEC Massiva (ws.pecmassiva.com)"), Environment.PRODUCTION.value
        )
        self.environment_combo.addItem(
            self.tr("PEC Massiva test environment (test.ws.pecmassiva.com)"),
            Environment.TEST.value,
        )
        self.environment_combo.addItem(
            self.tr("Another server address"), Environment.CUSTOM.value
        )
        self.environment_combo.currentIndexChanged.connect(self._environment_changed)
        self.url_edit = QLineEdit(self)
        self.url_edit.setPlaceholderText("http://192.168.1.20:8080")
        self.token_edit = self._secret_edit()
        self.sender_edit = QLineEdit(self)
        self.sender_edit.setPlaceholderText(self.tr("e.g. studio.rossi@pec.it"))
        self.username_edit = QLineEdit(self)
        self.username_edit.setPlaceholderText(self.tr("Same as the PEC address"))
        self.password_edit = self._secret_edit()
        self.rate_spin = QDoubleSpinBox(self)
        self.rate_spin.setRange(0.1, 10.0)
        self.rate_spin.setDecimals(1)
        self.rate_spin.setSingleStep(0.1)
        self.rate_spin.setSuffix(self.tr(" per second"))
        self.size_spin = QSpinBox(self)
        self.size_spin.setRange(1, 1000)
        self.size_spin.setSuffix(self.tr(" MB"))
        self.signature_edit = QPlainTextEdit(self)
        self.signature_edit.setPlaceholderText(
            self.tr("Added below each new message; it can be changed there before sending")
        )
        self.signature_edit.setTabChangesFocus(True)
        self.signature_edit.setMaximumHeight(80)
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name_edit)
        form.addRow(self.tr("Service"), self.environment_combo)
        form.addRow(self.tr("Server address"), self.url_edit)
        form.addRow(self.tr("API token"), self.token_edit)
        form.addRow(self.tr("PEC address (sender)"), self.sender_edit)
        form.addRow(self.tr("Mailbox username"), self.username_edit)
        form.addRow(self.tr("Mailbox password"), self.password_edit)
        form.addRow(self.tr("Sending rate, at most"), self.rate_spin)
        form.addRow(self.tr("Largest message"), self.size_spin)
        form.addRow(self.tr("Signature"), self.signature_edit)
        self._form = form

    def _secret_edit(self) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setEchoMode(QLineEdit.EchoMode.Password)
        edit.setInputMethodHints(Qt.InputMethodHint.ImhSensitiveData)
        return edit

    def _fill(self, profile: AccountProfile | None) -> None:
        if profile is None:
            self.rate_spin.setValue(1.0)
            self.size_spin.setValue(100)
            self._environment_changed()
            return
        self.name_edit.setText(profile.name)
        self.environment_combo.setCurrentIndex(
            max(0, self.environment_combo.findData(profile.environment.value))
        )
        self.url_edit.setText(profile.base_url)
        self.sender_edit.setText(profile.sender)
        self.username_edit.setText(profile.username)
        self.rate_spin.setValue(profile.send_rate)
        self.size_spin.setValue(max(1, profile.max_message_bytes // _MB))
        self.signature_edit.setPlainText(profile.signature)
        kept = self.tr("Saved in the system keychain; leave empty to keep it")
        self.token_edit.setPlaceholderText(kept)
        self.password_edit.setPlaceholderText(kept)
        self._environment_changed()

    def _environment_changed(self) -> None:
        self.url_edit.setEnabled(self.environment() is Environment.CUSTOM)

    def environment(self) -> Environment:
        """The service chosen in the form."""
        return Environment(str(self.environment_combo.currentData()))

    def _profile_from_form(self) -> AccountProfile | None:
        """The profile the form describes, or None after saying what is missing or wrong."""
        environment = self.environment()
        sender = self.sender_edit.text().strip()
        url = self.url_edit.text().strip()
        problem = None
        if "@" not in sender:
            problem = self.tr("Enter the PEC address messages are sent from.")
        elif environment is Environment.CUSTOM and not url.startswith(("http://", "https://")):
            problem = self.tr("Enter the server address, starting with http:// or https://.")
        elif self.profile is None and not (self.token_edit.text() and self.password_edit.text()):
            problem = self.tr("Enter the API token and the mailbox password.")
        if problem is not None:
            self.error_banner.show_message(problem)
            return None
        return AccountProfile(
            id=self.profile.id if self.profile else new_account_id(),
            environment=environment,
            sender=sender,
            name=self.name_edit.text().strip(),
            base_url=url if environment is Environment.CUSTOM else "",
            username=self.username_edit.text().strip(),
            send_rate=round(self.rate_spin.value(), 1),
            max_message_bytes=self.size_spin.value() * _MB,
            signature=self.signature_edit.toPlainText().strip("\n").rstrip(),
        )

    def _typed_secrets(self) -> tuple[str | None, str | None]:
        """The token and password typed in; None where left empty (keep the stored one)."""
        token = self.token_edit.text().strip() or None
        password = self.password_edit.text() or None
        for secret in (token, password):
            if secret:
                self._remember_secret(secret)
        return token, password

    def test_connection(self) -> None:
        """Check the form's account against the service (``GET /quota/INBOX``)."""
        self.error_banner.clear()
        profile = self._profile_from_form()
        if profile is None:
            return
        token, password = self._typed_secrets()
        self.result_label.setText(self.tr("Testing the connection…"))
        self._tasks.run_task(
            self._test(profile, token, password),
            parent=self,
            busy=self.test_button,
            on_error=self._test_failed,
        )

    async def _test(self, profile: AccountProfile, token: str | None, password: str | None) -> None:
        account: Account = await self._session.candidate(profile, token=token, password=password)
        check = await self._session.test_connection(account)
        self.result_label.setText(self.verdict_text(check))
        self.result_label.setToolTip(check.detail)
        self.test_finished.emit(check)

    def _test_failed(self, err: PecError) -> None:
        self.result_label.setText("\n".join(error_texts(err)))

    def verdict_text(self, check: ConnectionCheck) -> str:
        """What a connection test found, in plain words."""
        verdict = check.verdict
        if verdict is ConnectionVerdict.OK:
            share = check.quota.fraction * 100 if check.quota else 0.0
            percent = QLocale().toString(share, "f", 1 if share < 10 else 0)
            return self.tr(
                "The connection works: the API token and the mailbox credentials were "
                "accepted. The mailbox is {percent}% full."
            ).format(percent=percent)
        texts = {
            ConnectionVerdict.BAD_TOKEN: self.tr(
                "The API token was not accepted. Check that it was copied whole, that it has "
                "not expired and that it is for this service: a test token does not work on "
                "the real service, nor the other way round."
            ),
            ConnectionVerdict.BAD_MAILBOX: self.tr(
                "The API token is valid, but the mailbox username or password was refused. "
                "Check them: they are the ones of the PEC mailbox's webmail."
            ),
            ConnectionVerdict.BAD_CREDENTIALS: self.tr(
                "Access was refused, and the service does not say whether the API token or "
                "the mailbox username and password are wrong. Check both."
            ),
            ConnectionVerdict.NO_NETWORK: self.tr(
                "The PEC service could not be reached. Check the internet connection and "
                "the server address, then try again."
            ),
            ConnectionVerdict.SERVICE_ERROR: self.tr(
                "The PEC service answered with an error of its own, so the account could not "
                "be checked. Try again in a few minutes."
            ),
        }
        text = texts[verdict]
        if check.heuristic:
            text += " " + self.tr("(pecdesk infers this from the service's answers.)")
        return text

    def save(self) -> None:
        """Save the account (secrets to the keychain) and close, or say why not."""
        self.error_banner.clear()
        profile = self._profile_from_form()
        if profile is None:
            return
        token, password = self._typed_secrets()
        self._tasks.run_task(
            self._save(profile, token, password),
            parent=self,
            busy=self._buttons,
            on_error=self._save_failed,
        )

    async def _save(self, profile: AccountProfile, token: str | None, password: str | None) -> None:
        await self._session.save(profile, token=token, password=password)
        self.profile = profile
        self.account_saved.emit(profile.id)
        self.accept()

    def _save_failed(self, err: PecError) -> None:
        self.error_banner.show_message("\n".join(error_texts(err)))
