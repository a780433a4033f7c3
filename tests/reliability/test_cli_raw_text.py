"""Issue 17: raw text on the terminal from corrections, file names and HTML titles, and
panel links of any scheme. Each is cleaned where it enters."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hostile import ESCAPES, unsafe_chars

from glossary.models import GlossaryEntry, Status
from reader.article import from_text
from reader.cli import main

EVIL = "\x1b]0;pwned\x07\x1b[2J\x9b6n\u202eevil\u2066"
HOSTILE_BUNDLE = {
    "reader_corrections": 1,
    "patterns": [{"label": "PER", "pattern": f"Anna {EVIL}Berg", "id": "user"}],
    "hidden": [f"Kreml{EVIL}"],
    "hidden_in": {"abc123": [f"Foto{EVIL}"]},
    "pages": {f"de{EVIL}:Nato": f"NATO{EVIL}"},
    "notes": {f"Peskow{EVIL}": f"Sprecher\r\n{EVIL}\x85 des Kremls"},
    "from_a_later_version": {"name": f"x{EVIL}"},
}


@pytest.fixture
def imported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bundle = tmp_path / "hostile.json"
    bundle.write_text(json.dumps(HOSTILE_BUNDLE, ensure_ascii=False), encoding="utf-8")
    assert main(["corrections", "import", str(bundle)]) == 0
    capsys.readouterr()


@pytest.mark.parametrize("argv", [["entity", "list"], ["entity", "list", "--format", "json"],
                                  ["corrections", "export"]])
def test_corrections_output_is_safe(imported: None, argv: list[str],
                                    capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 0
    out, err = capsys.readouterr()
    assert unsafe_chars(out) == [] and unsafe_chars(err) == []
    assert "Anna" in out and "Sprecher" in out
    assert "pwned" not in out.split("from_a_later_version")[0]  # known fields are cleaned
    if "list" not in argv or "json" in argv:
        data = json.loads(out)
        assert data["hidden"] == ["Kremlevil"]
        assert data["notes"] == {"Peskowevil": "Sprecher\nevil des Kremls"}
        # a field this version does not know is kept exactly, escaped in the JSON text
        assert data["from_a_later_version"] == {"name": f"x{EVIL}"}


def test_corrections_export_file_is_safe(imported: None, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    assert main(["corrections", "export", "-o", str(out)]) == 0
    assert unsafe_chars(out.read_text(encoding="utf-8")) == []


def test_cli_arguments_are_cleaned_on_entry(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["entity", "note", f"Peskow{EVIL}", f"Text{EVIL}"]) == 0
    assert main(["entity", "page", "Nato", f"NATO{EVIL}"]) == 0
    assert main(["entity", "list"]) == 0
    out, err = capsys.readouterr()
    assert unsafe_chars(out) == [] and unsafe_chars(err) == []
    assert "Peskowevil: Textevil" in out and "NATOevil" in out


@pytest.mark.parametrize("escape", [*ESCAPES[:3], "\x9b6n", "\u202e", "\r", "\n"])
@pytest.mark.parametrize("argv", [
    ["export", "{name}"], ["entities", "{name}"], ["corrections", "import", "{name}"],
    ["export", "{article}", "-o", "{dir}/{name}/x.md"], ["entity", "hide", "X", "--article",
                                                         "{name}"],
])
def test_file_names_in_messages_are_safe(
        tmp_path: Path, seed_path: Path, escape: str, argv: list[str],
        capsys: pytest.CaptureFixture[str]) -> None:
    name = f"missing{escape}file.txt"
    args = [a.format(name=name, article=seed_path, dir=tmp_path) for a in argv]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("reader: error: "), err
    assert unsafe_chars(err) == [] and "missing" in err


def test_usage_errors_are_safe(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["export", "x.txt", "--style", f"bad{EVIL}\nnext line"])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and unsafe_chars(err) == [] and "invalid choice" in err


def test_html_title_references_are_cleaned(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    """Issue 17: ``&#x202e;`` and ``&#13;`` in <title> reached the exported title."""
    page = tmp_path / "seite.html"
    page.write_text("<html><head><title>Gipfel&#x202e; in&#13;Paris&#x1b;[2J&#x9b;</title>"
                    "</head><body><p>Der Gipfel fand in Paris statt.</p></body></html>",
                    encoding="utf-8")
    assert main(["export", str(page), "--offline"]) == 0
    out = capsys.readouterr().out
    assert unsafe_chars(out) == []
    assert 'title: "Gipfel in Paris[2J›"' in out
    article = from_text(page.read_text(encoding="utf-8"), str(page))
    assert article.title == "Gipfel in Paris[2J›"


@pytest.mark.parametrize("url", ["javascript:alert(1)", "file:///etc/passwd",
                                 "data:text/html,x", " JAVASCRIPT:x", "vbscript:x",
                                 "http://ok/\x1b[2J", "//host/x"])
def test_panel_links_only_http(url: str) -> None:
    from reader.app.glossary_panel import entry_text

    entry = GlossaryEntry("Nato", "de", Status.FOUND, title="NATO", url=url)
    text = entry_text(entry, "Nato")
    links = [span.style.link for span in text.spans
             if not isinstance(span.style, str) and span.style.link]
    assert links == [] if "http" not in url else all(
        unsafe_chars(link) == [] for link in links)
    good = entry_text(GlossaryEntry("Nato", "de", Status.FOUND, title="NATO",
                                    url="https://de.wikipedia.org/wiki/NATO"), "Nato")
    assert [s.style.link for s in good.spans if not isinstance(s.style, str)
            and s.style.link] == ["https://de.wikipedia.org/wiki/NATO"]
