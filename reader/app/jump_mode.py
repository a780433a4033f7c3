"""Jump mode of the article view: a label over every visible mention; typing one selects it.

Labels are typed like text (as an ``Input`` takes letters), so they are read in
:meth:`JumpMode.on_key` rather than bound: they change with what is on screen and are no
commands to rebind. Any key that is not a label's next letter leaves jump mode.
"""

from __future__ import annotations

import string

from textual import events

from reader.app.article_base import ArticleBase
from reader.app.keys import JUMP_LETTERS


def jump_labels(count: int, letters: str = JUMP_LETTERS) -> list[str]:
    """``count`` distinct labels, none a prefix of another (one letter if they suffice)."""
    if count <= len(letters):
        return list(letters[:count])
    labels = [a + b for a in letters for b in letters]
    return labels[:count]


class JumpMode(ArticleBase):
    """Jump labels over the visible mentions, and what has been typed of one."""

    @property
    def jumping(self) -> bool:
        """True while jump labels are shown."""
        return bool(self._jump)

    def action_jump(self) -> None:
        """Show jump labels over the visible mentions; typing one selects it."""
        if not self.mentions:
            self.app.bell()
            return
        start, end = self.visible_range()
        visible = list(self.mentions.ranges.between(start, end))
        self._jump = dict(zip(jump_labels(len(visible)), visible, strict=True))
        self._jump_typed = ""
        self.refresh()

    def type_jump_letter(self, letter: str) -> None:
        """Type ``letter`` of a label: a whole label selects its mention; a letter that
        begins no label leaves jump mode."""
        typed = self._jump_typed + letter
        if typed in self._jump:
            index = self._jump[typed]
            self._jump.clear()
            self.select(index)
            return
        if any(label.startswith(typed) for label in self._jump):
            self._jump_typed = typed
        else:
            self._jump.clear()
        self.refresh()

    async def on_key(self, event: events.Key) -> None:
        """While labels are shown, every key is taken: label letters, or leaving."""
        if not self._jump:
            return
        event.stop()
        event.prevent_default()
        char = event.character or ""
        if char and char in string.ascii_lowercase:
            self.type_jump_letter(char)
            return
        self._jump.clear()
        self.refresh()
