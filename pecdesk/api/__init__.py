"""The PEC Massiva API client and the errors it raises."""

from pecdesk.api.client import PecMassivaClient
from pecdesk.errors import (
    ApiError,
    AuthError,
    DailyLimitError,
    InvalidRequestError,
    NetworkError,
    NotFoundError,
    OutcomeUnknownError,
    PecError,
    RateLimitedError,
    ServerError,
    UnencodableTextError,
)

__all__ = [
    "ApiError",
    "AuthError",
    "DailyLimitError",
    "InvalidRequestError",
    "NetworkError",
    "NotFoundError",
    "OutcomeUnknownError",
    "PecError",
    "PecMassivaClient",
    "RateLimitedError",
    "ServerError",
    "UnencodableTextError",
]
