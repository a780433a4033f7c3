"""A long file opens with its start (reader.article_start); the whole replaces it after
the first frame: the place on screen stays, the analysis and the reading position are the
whole text's, and a whole that cannot be read ends the app as bad input does."""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import select
import signal
import struct
import sys
import termios
import threading
import time
from functools import partial
from pathlib import Path

from app_support import OFFLINE, hand_analysis, settle

from reader.app.app import ReaderApp
from reader.app.reading import ContinuousReaderApp, article_key
from reader.article import Article, load
from reader.article_start import load_start
from reader.errors import ArticleError
from reader.library.store import open_library

SIZE = (100, 30)
READER = str(Path(sys.executable).parent / "reader")
ENTITIES = (("LOC:Waldhausen", "LOC", "Waldhausen", ("Waldhausen",)),
            ("PER:Lena Sommer", "PER", "Lena Sommer", ("Lena Sommer", "Sommer")))
analyser = partial(hand_analysis, entities=ENTITIES)


def long_file(tmp_path: Path, count: int = 4000) -> Path:
    """Numbered paragraphs of our own words, about 600 kB."""
    body = "\n\n".join(
        f"Absatz {n}: Der Gemeinderat von Waldhausen beriet über die neue Brücke; "
        f"Bürgermeisterin Lena Sommer versprach eine Antwort bis zum Tag {n}."
        for n in range(1, count + 1))
    path = tmp_path / "lang.txt"
    path.write_text("date 2026-11-30 Die Brücke über die Wiesach\n\n" + body + "\n",
                    encoding="utf-8")
    return path


def start_of(path: Path) -> Article:
    start = load_start(str(path))
    assert start is not None
    return start


def app_waiting_for_the_whole(path: Path) -> tuple[ReaderApp, threading.Event]:
    """The app on the start of ``path``, whose whole is read once the event is set."""
    release = threading.Event()

    def slow_whole() -> Article:
        assert release.wait(10)
        return load(path)

    return ReaderApp(start_of(path), config=OFFLINE, analyser=analyser,
                     whole=slow_whole), release


def screen_text(app: ReaderApp) -> str:
    view = app.view
    return "\n".join(view.render_line(y).text for y in range(view.size.height))


async def test_the_whole_replaces_the_start_and_is_analysed(tmp_path: Path) -> None:
    path = long_file(tmp_path)
    start, whole = start_of(path), load(path)
    app = ReaderApp(start, config=OFFLINE, analyser=analyser, whole=lambda: load(path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert not app.session.partial
        assert app.article.text == app.session.article.text == app.view.article.text \
            == whole.text
        assert app.main.article is app.session.article
        assert app.mentions is not None
        last = app.mentions.mentions[-1].start
        assert last > len(start.text)  # mentions of the whole text, not only of its start
        assert str(app.main.query_one("#date").render()) == "2026-11-30"
        await pilot.press("G")
        await pilot.pause()
        assert "Tag 4000." in screen_text(app)


async def test_the_place_on_screen_stays_when_the_whole_arrives(tmp_path: Path) -> None:
    app, release = app_waiting_for_the_whole(long_file(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.session.partial and app.mentions is None  # nothing analysed yet
        await pilot.press("pagedown", "pagedown", "pagedown")
        await pilot.pause()
        top = app.view.visible_range()[0]
        shown = screen_text(app)
        assert top > 0 and "Absatz" in shown
        release.set()
        await settle(pilot)
        assert not app.session.partial and app.mentions is not None
        assert app.view.visible_range()[0] == top
        assert screen_text(app) == shown


async def test_a_view_at_the_end_goes_to_the_end_of_the_whole(tmp_path: Path) -> None:
    app, release = app_waiting_for_the_whole(long_file(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("G")  # the end of the start: the reader wants the end
        await pilot.pause()
        assert "Tag 4000." not in screen_text(app)
        release.set()
        await settle(pilot)
        assert "Tag 4000." in screen_text(app)
        assert app.view.scroll_offset.y == app.view.max_scroll_y


async def test_an_unreadable_whole_ends_the_app_with_its_error(tmp_path: Path) -> None:
    path = long_file(tmp_path)

    def broken() -> Article:
        raise ArticleError(f"{path} contains NUL bytes: it looks like binary data, not text")

    app = ReaderApp(start_of(path), config=OFFLINE, analyser=analyser, whole=broken)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.pause()
    assert app.return_code == 2
    assert "contains NUL bytes" in app.load_error


async def test_the_reading_position_is_restored_in_the_whole(tmp_path: Path) -> None:
    path = long_file(tmp_path)
    whole = load(path)
    deep = whole.text.index("Absatz 3500:")
    assert deep > len(start_of(path).text)  # beyond the start: only the whole has it
    with open_library(OFFLINE) as store:
        store.save_position(article_key(whole), deep, "")
    app = ContinuousReaderApp(start_of(path), config=OFFLINE, analyser=analyser,
                              whole=lambda: load(path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        top = app.view.visible_range()[0]
        assert top <= deep < top + 400
        assert "Absatz 3500:" in screen_text(app)


def test_reader_open_reports_a_bad_rest_of_the_file_as_one_line(tmp_path: Path) -> None:
    """The real ``reader`` on a pseudo-terminal: the start is shown, the NUL bytes further
    on end it with the one-line error and exit status any bad input gets."""
    path = long_file(tmp_path)
    with path.open("ab") as out:
        out.write(b"Bruecke\x00" * 100)
    env = {**os.environ, "TERM": "xterm-256color", "READER_OFFLINE": "1"}
    pid, fd = pty.fork()
    if pid == 0:  # the child: the app as a user starts it
        os.execve(READER, [READER, str(path)], env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    output = b""
    deadline = time.monotonic() + 30
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([fd], [], [], 0.1)
            if not ready:
                continue
            try:
                data = os.read(fd, 65536)
            except OSError:  # the child ended: the terminal is gone
                break
            if not data:
                break
            output += data
        _, status = os.waitpid(pid, 0)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        os.close(fd)
    assert os.waitstatus_to_exitcode(status) == 2
    assert b"Gemeinderat von Waldhausen" in output  # its start was on the screen
    last = output.decode("utf-8", "replace").rstrip().splitlines()[-1]
    assert "reader: error: " in last  # after the app left the terminal as it was
    assert "NUL bytes" in last.split("reader: error: ", 1)[1]
    assert b"Traceback" not in output
