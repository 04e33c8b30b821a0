"""The one error family that reaches the UI: each error carries a title and a plain message.

Anything that is not a :class:`PecError` is a bug and goes to the crash dialog and the log.
Titles and message templates are English source texts; the UI translates them with
``QCoreApplication.translate("PecError", ...)`` and then fills in :attr:`PecError.params`.
No error ever carries a secret: API errors are built from status codes and the service's
``message`` text, which :mod:`pecdesk.api.client` scrubs of the credentials it sent.
"""

from __future__ import annotations

from typing import ClassVar

from pecdesk.i18n import QT_TRANSLATE_NOOP


class PecError(Exception):
    """Base of every error a person may see.

    Attributes:
        title: short English title (translation source, context ``PecError``).
        template: English message with ``{name}`` placeholders (translation source).
        params: values for the placeholders; never secrets.
    """

    title: ClassVar[str] = QT_TRANSLATE_NOOP("PecError", "Something went wrong")
    default_template: ClassVar[str] = QT_TRANSLATE_NOOP(
        "PecError", "The operation could not be completed."
    )

    def __init__(self, template: str | None = None, /, **params: object) -> None:
        self.template = template if template is not None else self.default_template
        self.params = {name: str(value) for name, value in params.items()}
        super().__init__(self.message)

    @property
    def message(self) -> str:
        """The English message with its parameters filled in."""
        try:
            return self.template.format(**self.params)
        except (KeyError, IndexError, ValueError):
            return self.template

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.message!r})"


class ApiError(PecError):
    """The PEC Massiva service answered, but not with success.

    Attributes:
        status: the HTTP status code (0 when the answer had none to go by).
        server_message: the service's own ``message`` text, scrubbed of credentials.
        json_answer: False when the answer was not the service's JSON (an error page).
    """

    title = QT_TRANSLATE_NOOP("PecError", "The PEC service refused the request")
    default_template = QT_TRANSLATE_NOOP(
        "PecError", "The PEC service answered: {server_message} (HTTP {status})."
    )

    def __init__(
        self,
        template: str | None = None,
        /,
        *,
        status: int = 0,
        server_message: str = "",
        json_answer: bool = True,
    ) -> None:
        self.status = status
        self.server_message = server_message
        self.json_answer = json_answer
        super().__init__(template, status=status, server_message=server_message or "-")


class AuthError(ApiError):
    """401/403: the API token or the mailbox credentials were refused."""

    title = QT_TRANSLATE_NOOP("PecError", "Access refused")
    default_template = QT_TRANSLATE_NOOP(
        "PecError",
        "The PEC service did not accept the API token or the mailbox username and password. "
        "Check the account settings. (HTTP {status}: {server_message})",
    )


class RateLimitedError(ApiError):
    """429, or a refusal whose text says the sending rate was exceeded.

    Attributes:
        retry_after: seconds the service asked us to wait, when it said so.
    """

    title = QT_TRANSLATE_NOOP("PecError", "Sending too fast")
    default_template = QT_TRANSLATE_NOOP(
        "PecError", "The PEC service asked to slow down. pecdesk will wait and try again."
    )

    def __init__(
        self,
        template: str | None = None,
        /,
        *,
        status: int = 429,
        server_message: str = "",
        retry_after: float | None = None,
        json_answer: bool = True,
    ) -> None:
        self.retry_after = retry_after
        super().__init__(
            template, status=status, server_message=server_message, json_answer=json_answer
        )


class DailyLimitError(RateLimitedError):
    """A refusal whose text says the day's sending allowance is used up (api.md 8: daily cap).

    Unlike a plain 429 it is not retried: the send queue pauses and every recipient not yet
    sent stays queued, to be resumed on another day.
    """

    title = QT_TRANSLATE_NOOP("PecError", "Daily sending limit reached")
    default_template = QT_TRANSLATE_NOOP(
        "PecError",
        "The PEC service's daily sending limit has been reached: nothing more can be sent today. "
        "The recipients not yet sent stay in the queue; resume sending tomorrow. "
        "(The service said: {server_message})",
    )


class InvalidRequestError(ApiError):
    """400 (or another 4xx): the service judged the request malformed."""

    title = QT_TRANSLATE_NOOP("PecError", "Request not accepted")
    default_template = QT_TRANSLATE_NOOP(
        "PecError", "The PEC service rejected the request as not valid: {server_message}."
    )


class UnencodableTextError(InvalidRequestError):
    """Text that cannot be encoded (a lone surrogate), refused before anything is sent.

    Raised by the client before a request leaves, so it proves nothing was sent: like any
    :class:`InvalidRequestError` it is final, never unknown. ``server_message`` names the field
    (``subject``, ``body``, ``password``…); it is pecdesk's word, not the service's.
    """

    title = QT_TRANSLATE_NOOP("PecError", "Text that cannot be sent")
    default_template = QT_TRANSLATE_NOOP(
        "PecError",
        "The {server_message} holds a character that is not valid text (often a byte that was "
        "not UTF-8, in a file or an environment variable). Correct it and try again; nothing "
        "was sent.",
    )


class NotFoundError(ApiError):
    """404: the sending, message or mailbox asked for does not exist."""

    title = QT_TRANSLATE_NOOP("PecError", "Not found")
    default_template = QT_TRANSLATE_NOOP(
        "PecError", "The PEC service found nothing for this request: {server_message}."
    )


class ServerError(ApiError):
    """5xx, or an answer that is not the service's JSON (an error page, garbage)."""

    title = QT_TRANSLATE_NOOP("PecError", "PEC service error")
    default_template = QT_TRANSLATE_NOOP(
        "PecError",
        "The PEC service had an internal problem (HTTP {status}: {server_message}). "
        "Try again in a few minutes.",
    )


class OutcomeUnknownError(ApiError):
    """An answer to ``POST /send`` that does not prove whether the PEC was committed.

    A 2xx that is not a clean success, a body that is not JSON or is cut short, ``success`` of
    the wrong type, a gateway's 502/503/504 page (:mod:`pecdesk.domain.send_outcome`). The PEC
    may have left: the queue records the job *unknown*, the mailbox's receipts settle it, and
    it is never sent again automatically.
    """

    title = QT_TRANSLATE_NOOP("PecError", "Not known whether the PEC was sent")
    default_template = QT_TRANSLATE_NOOP(
        "PecError",
        "The PEC service's answer does not tell whether the PEC left (HTTP {status}: "
        "{server_message}). pecdesk will check the mailbox's receipts and will not send it "
        "again by itself.",
    )


class NetworkError(PecError):
    """No answer from the service.

    Attributes:
        outcome_unknown: True when the request may have reached the service (a timeout or a
            connection dropped after sending), so a send may have happened; False when it
            certainly did not leave this computer (connection refused, name not found).
    """

    title = QT_TRANSLATE_NOOP("PecError", "No connection")
    default_template = QT_TRANSLATE_NOOP(
        "PecError", "Could not reach the PEC service: {reason}. Check the internet connection."
    )

    def __init__(
        self, template: str | None = None, /, *, outcome_unknown: bool, reason: str = ""
    ) -> None:
        self.outcome_unknown = outcome_unknown
        super().__init__(template, reason=reason or "-")


class StorageError(PecError):
    """The local store could not be read or written."""

    title = QT_TRANSLATE_NOOP("PecError", "Local data problem")
    default_template = QT_TRANSLATE_NOOP(
        "PecError", "pecdesk could not read or write its local data: {reason}."
    )


class CredentialError(PecError):
    """The OS keychain could not store or return a secret."""

    title = QT_TRANSLATE_NOOP("PecError", "Keychain problem")
    default_template = QT_TRANSLATE_NOOP(
        "PecError", "The system keychain could not be used: {reason}."
    )
