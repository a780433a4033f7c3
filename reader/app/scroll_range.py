"""A scroll view whose layout passes leave its scrollbars alone unless its range changed.

Textual's layout offers every widget the size of its content; a ``ScrollView`` (the
article view, option lists) keeps its own scroll range and compares the two, which always
differ: every layout of the screen (the panel showing another entity, say) repainted its
scrollbars in one more frame, and a key took that frame longer to settle.
"""

from __future__ import annotations

from textual.geometry import Size
from textual.scroll_view import ScrollView


class SteadyScrollRange(ScrollView):
    """A ``ScrollView`` that passes the offered content size on only when its own range
    (``virtual_size``) changed since the last layout: that comparison is what updates the
    scrollbars."""

    _laid_out_range: Size | None = None

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size,
                      layout: bool = True) -> bool:
        if self.virtual_size == self._laid_out_range:
            virtual_size = self.virtual_size
        self._laid_out_range = self.virtual_size
        return super()._size_updated(size, virtual_size, container_size, layout)
