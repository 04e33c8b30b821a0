"""The answers of the faults that commit a send and then answer badly (issue 12).

Each stands for something a real PHP service or the gateway in front of it can do after the
PEC has left: a warning printed before the JSON, a body cut short, a 502 page from a proxy that
stopped waiting, an envelope of the wrong shape. A client must not take any of them for "not
sent" (and retry), nor for "sent" when ``success`` is not the JSON boolean ``true``.
"""

from __future__ import annotations

import json

from aiohttp import web

from pecdesk.sandbox.faults import Fault

PHP_WARNING = (
    '<br />\n<b>Warning</b>:  Undefined array key "attachments" in '
    "<b>/var/www/pecmassiva/api/send.php</b> on line <b>88</b><br />\n"
)
GATEWAY_PAGE = (
    "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
    "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n"
    "</body>\r\n</html>\r\n"
)
_SUCCESS_VALUES: dict[Fault, object] = {
    Fault.SUCCESS_TEXT: "true",
    Fault.SUCCESS_FALSE_TEXT: "false",
    Fault.SUCCESS_ZERO: 0,
}


def bad_answer(fault: Fault, *, sent: int, code: str) -> web.Response:
    """The answer of ``fault`` to a send of ``sent`` recipients committed as ``code``.

    Raises:
        ValueError: ``fault`` is not one that commits and answers badly.
    """
    envelope: dict[str, object] = {"sent": sent, "message_id": code}
    envelope["success"] = _SUCCESS_VALUES.get(fault, True)
    envelope["message"] = ""
    text = json.dumps(envelope)
    if fault in _SUCCESS_VALUES:
        return _answer(201, text, "application/json")
    if fault is Fault.PHP_WARNING:
        return _answer(201, PHP_WARNING + text, "text/html")
    if fault is Fault.TRUNCATED:
        return _answer(201, text[: len(text) // 2], "application/json")
    if fault is Fault.JSON_ARRAY:
        return _answer(201, f"[{text}]", "application/json")
    if fault is Fault.GATEWAY_502:
        return _answer(502, GATEWAY_PAGE, "text/html")
    raise ValueError(f"{fault} does not answer badly after commit")


def _answer(status: int, text: str, content_type: str) -> web.Response:
    return web.Response(status=status, text=text, content_type=content_type, charset="utf-8")
