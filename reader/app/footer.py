"""A footer that shows only the keys that fit, whole (never a key cut mid-word).

Keys are kept in the order of the key table (the most useful first); the help key
(``F1``, which lists every key) and the command palette key are always kept.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


def _width(widget: Widget) -> int:
    if isinstance(widget, FooterKey):
        return cell_len(widget.key_display) + 1 + cell_len(widget.description) + 2
    return 0


class ReaderFooter(Footer):
    """Footer keys that fit in the width; the rest are in the help."""

    def compose(self) -> ComposeResult:
        widgets = list(super().compose())
        width = self.size.width or self.app.size.width
        palette = [w for w in widgets if w.has_class("-command-palette")
                   or (isinstance(w, FooterKey) and w.action in ("help", "app.help"))]
        room = width - sum(_width(w) for w in palette) - 1
        kept: list[Widget] = []
        for widget in widgets:
            if widget in palette:
                continue
            size = _width(widget)
            if size > room:
                room = 0  # keep the order: nothing after a key that did not fit
                continue
            room -= size
            kept.append(widget)
        kept += [w for w in palette if not w.has_class("-command-palette")]
        if kept:
            self.styles.grid_size_columns = len(kept)
        yield from kept
        yield from (w for w in palette if w.has_class("-command-palette"))

    _composed_width = -1

    def on_mount(self) -> None:  # Footer's on_mount runs too (it subscribes to the keys)
        """Mounted after the screen (see ``MainScreen.add_hidden_parts``): ask for the
        keys, which were published before."""
        self.call_after_refresh(self.screen.refresh_bindings)

    def on_resize(self, event: events.Resize) -> None:
        """Choose the keys again for the new width."""
        if event.size.width != self._composed_width:
            self._composed_width = event.size.width
            self.refresh(recompose=True)
