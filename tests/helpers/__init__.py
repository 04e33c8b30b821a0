"""What tests share, by subject; fixtures stay in the conftest files, names to import live here.

- :mod:`.sandbox`: the test mailboxes and credentials (the ``sandbox`` fixtures use them);
  :mod:`.sandbox_http`: raw HTTP calls on a sandbox, for the sandbox's own tests.
- :mod:`.engine`, :mod:`.sending`, :mod:`.reconcile`, :mod:`.tracking`: a wired mailbox over a
  sandbox and a store, campaigns, interrupted jobs, receipts awaited.
- :mod:`.api`: clients on odd transports, for the client's tolerance tests.
- :mod:`.gui`, :mod:`.compose`, :mod:`.guards`, :mod:`.sent`: Qt's offscreen noise marks, driving
  a coroutine by spinning Qt events, and rigs for the tabs.
- :mod:`.cli`: running ``pecdesk`` commands in-process; :mod:`.keyrings`: in-memory and broken
  keychains; :mod:`.read_only`: a folder nobody can write.

Async tests are ``async def`` functions marked ``pytest.mark.anyio`` (anyio's pytest plugin,
which comes with httpx); tests/conftest.py runs them on asyncio, one fresh loop per test. GUI
tests never do that: they drive coroutines on the qasync loop with :func:`.gui.drive`.
"""
