"""An opt-in careless server: one that quotes the credentials of the request it refuses.

Real services do this (a framework's debug page, a validation error that repeats the form):
the client must scrub every form the credentials come back in (issue 13).
"""

from __future__ import annotations

import base64
import json
from urllib.parse import urlencode


def credentials_echo(authorization: str, username: object, password: object) -> str:
    """The credentials as a careless server quotes them: JSON, form-encoded, Basic auth."""
    fields = {"authorization": authorization, "username": str(username), "password": str(password)}
    pair = f"{username}:{password}".encode("utf-8", "surrogatepass")
    basic = base64.b64encode(pair).decode("ascii")
    return f"{json.dumps(fields)} (form: {urlencode(fields)}; Basic {basic})"
