"""Opening web pages from the app: the system browser, else the clipboard.

Only http(s) URLs are ever opened. Console browsers (lynx, w3m... which :mod:`webbrowser`
falls back to without a display) would take over the terminal the app draws on, so only a
browser that runs beside the terminal is used; otherwise, or if it fails, the URL is copied
to the clipboard (Textual's ``copy_to_clipboard``, OSC 52) and shown in a notification.
"""

from __future__ import annotations

import webbrowser
from typing import Any

from reader.article import is_web_url
from reader.sanitize import strip_escapes


def graphical_browser() -> Any | None:
    """The system browser if it runs beside the terminal, else ``None``."""
    try:
        browser = webbrowser.get()
    except webbrowser.Error:
        return None
    if type(browser) is webbrowser.GenericBrowser:  # a console browser, or an unknown one
        return None
    return browser


def open_url(app: Any, url: str, what: str) -> None:
    """Open ``url`` (what it is: "the article's source"...) in a browser, from a worker
    thread of ``app``; else copy it. Anything but http(s) is refused with a message."""
    url = strip_escapes(url.strip())
    if not is_web_url(url):
        app.notify(f"No web address for {what}.", severity="warning", timeout=4, markup=False)
        return
    app.run_worker(lambda: _open(app, url, what), thread=True, group="browser",
                   exclusive=True)


def _open(app: Any, url: str, what: str) -> None:
    browser = graphical_browser()
    opened = False
    if browser is not None:
        try:
            opened = bool(browser.open(url, new=2))
        except Exception:  # a browser that fails to start: fall back to the clipboard
            opened = False
    app.call_from_thread(_report, app, url, what, opened)


def _report(app: Any, url: str, what: str, opened: bool) -> None:
    if opened:
        app.notify(f"Opened {what} in the browser.", timeout=3, markup=False)
        return
    app.copy_to_clipboard(url)
    app.notify(f"No browser to open {what}; the address is copied to the clipboard:\n{url}",
               timeout=10, markup=False)
