"""Export from the app: a path beside the article, confirmation before replacing a file."""

from __future__ import annotations

from pathlib import Path

from app_support import MakeApp, settle

from reader.app.screens import ExportScreen
from reader.article import Article, from_text


async def test_export_writes_beside_the_article_and_confirms_overwrite(
        tmp_path: Path, seed_article: Article, make_app: MakeApp) -> None:
    source = tmp_path / "artikel.txt"
    article = from_text(seed_article.text, str(source), "text")
    target = tmp_path / "artikel.annotated.md"
    app = make_app(article)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        assert isinstance(app.screen, ExportScreen)
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, ExportScreen)
        first = target.read_text(encoding="utf-8")
        assert "Dmitri Peskow" in first and "Koalition der Willigen" in first
        target.write_text("mine", encoding="utf-8")
        await pilot.press("e", "enter")  # exists: asks first
        assert isinstance(app.screen, ExportScreen)
        assert target.read_text(encoding="utf-8") == "mine"
        await pilot.press("escape")  # cancelled: untouched
        await settle(pilot)
        assert target.read_text(encoding="utf-8") == "mine"
        await pilot.press("e", "enter", "enter")  # confirmed
        await settle(pilot)
        assert target.read_text(encoding="utf-8").startswith(first[:20])
        assert sorted(p.name for p in tmp_path.iterdir()) == ["artikel.annotated.md", "home"]
