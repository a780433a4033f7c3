"""The glossary panel: background on the selected entity, its other meanings, its mentions.

Text from the network is untrusted: it passes :func:`reader.sanitize.strip_escapes` and is
shown as Rich ``Text``, never parsed as markup.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import TYPE_CHECKING, ClassVar

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import LoadingIndicator, OptionList, Static
from textual.widgets.option_list import Option

from glossary.status import Status
from reader.analysis.model import LABEL_NAMES, Entity
from reader.app import keys
from reader.app.marks import MentionIndex, excerpt
from reader.app.messages import LeavePanel, MeaningChosen, MentionChosen, Retry, RetryTick
from reader.sanitize import strip_escapes, web_url

if TYPE_CHECKING:
    from glossary.models import Candidate, GlossaryEntry

#: Most mentions listed in the panel (a huge document may have thousands).
MAX_LISTED_MENTIONS = 50


def _clean(text: str) -> str:
    return strip_escapes(text).replace("\n", " ").strip() if text else ""


def entry_text(entry: GlossaryEntry | None, name: str, *, loading: bool = False,
               retry_in: int | None = None, chosen: str = "") -> Text:
    """The panel body for ``entry`` (or its absence) as styled text; ``chosen`` is the
    page title the reader chose for the name (if any)."""
    name = _clean(name)  # shown inside sentences below; data, never terminal codes
    out = Text()
    if entry is None:
        out.append("Fetching background…" if loading else "No background yet.", "italic")
        return out
    status = entry.status
    if entry.retry_after is not None and status is not Status.FOUND:
        seconds = retry_in if retry_in is not None else round(entry.retry_after)
        out.append("Rate-limited", "bold")
        out.append(f", retrying in {max(0, seconds)} s" if not loading else ", retrying now…")
        return out
    if status is Status.FOUND:
        title = _clean(entry.title)
        if title and title != name:
            out.append(title + "\n", "bold")
        if entry.description:
            out.append(_clean(entry.description) + "\n", "italic")
        if entry.intro:
            out.append("\n" + _clean(entry.intro) + "\n")
        url = web_url(_clean(entry.url))  # only http(s) links, never file: or javascript:
        if url:
            out.append("\n")
            out.append(url, Style(underline=True, link=url))
            out.append("\n")
        if entry.extra.get("chosen"):
            out.append("Page chosen by you (c changes it)\n", "dim italic")
        source = _clean(entry.source) or "Wikipedia"
        lang = f" ({_clean(entry.lang)})" if entry.lang else ""
        licence = f" · {_clean(entry.licence)}" if entry.licence else ""
        out.append(f"Source: {source}{lang}{licence}", "dim")
    elif status is Status.AMBIGUOUS:
        out.append(f"“{name}” may mean several things. ", "bold")
        out.append("Choose one below.")
    elif status is Status.NOT_FOUND and chosen:
        out.append("Not found: ", "bold")
        out.append(f"there is no page “{_clean(chosen)}”, the page you chose.\n")
        out.append("Page chosen by you (c changes it)", "dim italic")
    elif status is Status.NOT_FOUND:
        out.append("Not found: ", "bold")
        out.append(f"no article about “{name}”.")
    elif status is Status.NOT_CACHED:  # one line: what, why, and what helps
        out.append("Offline: not cached.", "bold")
        reason = _clean(entry.error).removesuffix(": not in the cache")
        if reason and not reason.startswith("offline mode"):
            out.append(f" ({reason})")
        out.append(" reader prefetch ARTICLE fetches it when online.", "dim")
    else:
        out.append("Error: ", "bold")
        out.append(_clean(entry.error) or "the lookup failed.")
        out.append("\nPress r to try again.", "dim")
    return out


class PanelList(OptionList):
    """A list of the panel (meanings, mentions) whose Enter shows in the footer."""

    BINDINGS: ClassVar[list[BindingType]] = [
        binding for binding in keys.bindings("panel") if binding.action == "select"]


class PanelParts:
    """The panel's widgets below its head: a note box, a loading indicator, the body,
    and the lists of meanings and mentions with their titles; all hidden at first."""

    def __init__(self) -> None:
        self.note = Static("", id="panel-note")
        self.loading = LoadingIndicator(id="panel-loading")
        self.body = Static("", id="panel-body")
        self.meanings_title = Static("Meanings (Enter chooses)", id="meanings-title",
                                     classes="panel-title")
        self.meanings = PanelList(id="meanings")
        self.mentions_title = Static("Mentions (Enter jumps)", id="mentions-title",
                                     classes="panel-title")
        self.mentions = PanelList(id="mentions")
        for widget in self.widgets():
            widget.display = False

    def widgets(self) -> list[Widget]:
        """The parts in the panel's order."""
        return [self.note, self.loading, self.body, self.meanings_title, self.meanings,
                self.mentions_title, self.mentions]


class GlossaryPanel(VerticalScroll):
    """Background on one entity, its alternative meanings and its mentions."""

    DEFAULT_CSS = """
    GlossaryPanel { padding: 0 1; }
    GlossaryPanel #panel-head { padding: 1 0 0 0; }
    GlossaryPanel #panel-body { padding: 1 0; }
    GlossaryPanel #panel-note {
        margin: 1 0 0 0; padding: 0 1; border-left: thick $warning; background: $warning 10%;
    }
    GlossaryPanel LoadingIndicator { height: 1; }
    GlossaryPanel .panel-title { color: $text-muted; text-style: bold; padding: 1 0 0 0; }
    /* The lists draw no scrollbar (they still scroll with keys and the wheel): every
       layout of the panel repainted it in a frame of its own, and a key took that longer. */
    GlossaryPanel OptionList {
        height: auto; max-height: 12; border: none; padding: 0; scrollbar-size-vertical: 0;
    }
    /* No border on focus either: a border appearing on the mouse-down would move the
       options a line down under the pointer, and the click would choose the one above. */
    GlossaryPanel OptionList:focus { border: none; background-tint: $foreground 5%; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        binding for binding in keys.bindings("panel") if binding.action != "select"]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.entity: Entity | None = None
        self.entry: GlossaryEntry | None = None
        self.loading_entry = False
        #: Seconds left of a rate limit's wait (the panel counts down, then asks to retry).
        self.retry_in: int | None = None
        self._retry_timer: Timer | None = None
        self._candidates: list[str] = []
        self._meanings: list[Candidate] = []
        self._chosen = ""
        self._note = ""
        self._parts: PanelParts | None = None

    def compose(self) -> ComposeResult:
        yield Static(Text("Select an entity (Tab) to see its background.", "italic"),
                     id="panel-head")

    def add_parts(self) -> PanelParts:
        """The parts shown with an entity, mounted (hidden) on first use: the main screen
        adds them after the first frame, which then styles eight widgets fewer."""
        if self._parts is None:
            self._parts = PanelParts()
            self.mount(*self._parts.widgets())
        return self._parts

    # -- content ----------------------------------------------------------------------
    def _label_style(self, label: str) -> Style:
        from reader.app.article_view import ArticleView

        try:
            view = self.screen.query_one(ArticleView)
        except Exception:  # no article view (e.g. in isolation): plain label
            return Style(bold=True)
        return view.label_style(label)

    def show_entity(self, entity: Entity, mentions: MentionIndex, text: str,
                    current: int | None = None) -> None:
        """Show ``entity``'s name, label, mention count and its mentions with excerpts;
        ``current`` (an index of the mention index) is the selected mention."""
        changed = self.entity is None or self.entity.key != entity.key
        if changed:
            self.stop_countdown()
        self.entity = entity
        head = Text()
        head.append(_clean(entity.name), "bold")
        head.append("\n")
        head.append(f" {entity.label} ", self._label_style(entity.label))
        siblings = mentions.by_entity.get(entity.key, [])
        count = len(siblings)
        position = bisect_left(siblings, current) if current is not None else count
        if position < count and siblings[position] == current:
            head.append(f" {LABEL_NAMES.get(entity.label, 'other')} · mention {position + 1} "
                        f"of {count}")
        else:
            position = -1
            head.append(f" {LABEL_NAMES.get(entity.label, 'other')} · {count} "
                        f"mention{'s' if count != 1 else ''}")
        others = [alias for alias in entity.aliases if alias != entity.name]
        if others:
            head.append("\nalso: " + ", ".join(_clean(alias) for alias in others[:6]), "dim")
        self.query_one("#panel-head", Static).update(head)
        if changed:
            self._list_mentions(siblings, mentions, text)
            self.scroll_home(animate=False)
        mention_list = self.add_parts().mentions
        if 0 <= position < MAX_LISTED_MENTIONS:
            mention_list.highlighted = position  # the list starts at the current mention
            mention_list.scroll_to_highlight(top=True)

    def _list_mentions(self, siblings: list[int], mentions: MentionIndex, text: str) -> None:
        """Fill the mention list (an excerpt per mention, the first ones of a long list)."""
        count = len(siblings)
        options: list[Option] = []
        for index in siblings[:MAX_LISTED_MENTIONS]:
            mention = mentions.mentions[index]
            line, start, end = excerpt(text, mention.start, mention.end)
            prompt = Text(line, no_wrap=True, overflow="ellipsis")
            prompt.stylize("bold", start, end)
            options.append(Option(prompt, id=f"m{index}"))
        if count > MAX_LISTED_MENTIONS:
            more = Text(f"… {count - MAX_LISTED_MENTIONS} more: ] or . steps through them",
                        style="dim", no_wrap=True, overflow="ellipsis")
            options.append(Option(more, id="more", disabled=True))
        mention_list = self.add_parts().mentions
        mention_list.set_options(options)
        mention_list.display = bool(options)
        self.add_parts().mentions_title.display = bool(options)

    def show_entry(self, entry: GlossaryEntry | None, *, loading: bool = False,
                   meanings: list[Candidate] | None = None, chosen: str = "") -> None:
        """Show the background ``entry`` (None: nothing yet) and the meanings to choose
        from: ``meanings`` (every page seen for the entity) or the entry's candidates; the
        page shown is marked ✓ and stays in the list. ``chosen``: the reader's page title.

        A rate-limited entry starts a countdown (unless one runs): every second the panel
        redraws and posts :class:`RetryTick`; at zero it posts :class:`Retry`.
        """
        retry_in = None
        if entry is not None and entry.retry_after is not None and \
                entry.status is not Status.FOUND:
            if self._retry_timer is None and not loading:
                self.retry_in = max(1, round(entry.retry_after))
                self._retry_timer = self.set_interval(1, self._tick_retry)
            retry_in = self.retry_in
        self._meanings = meanings or []
        self._chosen = chosen
        self._show(entry, loading, retry_in)

    def stop_countdown(self) -> None:
        """Stop a rate limit's countdown (the entry is fetched again, or not shown)."""
        if self._retry_timer is not None:
            self._retry_timer.stop()
            self._retry_timer = None

    def _tick_retry(self) -> None:
        self.retry_in = (self.retry_in or 1) - 1
        self.post_message(RetryTick())
        if self.retry_in > 0:
            self._show(self.entry, False, self.retry_in)
            return
        self.stop_countdown()
        if self.entity is not None:
            self.post_message(Retry(self.entity.key))

    def _show(self, entry: GlossaryEntry | None, loading: bool, retry_in: int | None) -> None:
        self.entry = entry
        self.loading_entry = loading
        name = self.entity.name if self.entity else ""
        parts = self.add_parts()
        parts.loading.display = loading
        body = parts.body
        body.display = True
        body.update(entry_text(entry, name, loading=loading, retry_in=retry_in,
                               chosen=self._chosen))
        candidates = list(entry.candidates) if entry is not None else []
        if self._meanings:
            candidates = self._meanings
        shown = entry.title if entry is not None and entry.status is Status.FOUND else None
        if shown is not None and len(candidates) < 2:
            candidates = []  # only the page shown: nothing to choose
        options = []
        for number, candidate in enumerate(candidates):
            prompt = Text("✓ " if candidate.title == shown else "  ", "bold")
            prompt.append(_clean(candidate.title), "bold")
            if candidate.description:
                prompt.append(" – " + _clean(candidate.description), "not bold")
            options.append(Option(prompt, id=f"c{number}"))
        meaning_list = parts.meanings
        meaning_list.set_options(options)
        self._candidates = [c.title for c in candidates]
        others = [n for n, title in enumerate(self._candidates) if title != shown]
        if others:  # Enter in the list chooses another meaning than the one shown
            meaning_list.highlighted = others[0]
        meaning_list.display = bool(options)
        parts.meanings_title.display = bool(options)

    def show_note(self, note: str) -> None:
        """Show the reader's own note on the entity ("" hides the note box)."""
        self._note = note
        text = Text()
        text.append("✎ Your note", "bold")
        text.append(" (a edits)\n", "dim")
        text.append(strip_escapes(note))
        widget = self.add_parts().note
        widget.update(text)
        widget.display = bool(note)

    @property
    def note_text(self) -> str:
        """The reader's note as shown ("" when there is none)."""
        return self._note

    def clear(self) -> None:
        """Show nothing (the entity is gone, e.g. hidden by the reader)."""
        self.stop_countdown()
        self.entity = None
        self.entry = None
        self._note = ""
        self.query_one("#panel-head", Static).update(
            Text("Select an entity (Tab) to see its background.", "italic"))
        if self._parts is not None:
            for widget in self._parts.widgets():
                widget.display = False

    @property
    def body_text(self) -> str:
        """The panel body as shown, in plain text ("" while it is hidden)."""
        if self._parts is None:
            return ""
        body = self._parts.body
        content = body.content
        return (content.plain if isinstance(content, Text) else str(content)) \
            if body.display else ""

    # -- events -----------------------------------------------------------------------
    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        option_id = event.option.id or ""
        if event.option_list.id == "meanings" and self.entity is not None:
            number = int(option_id[1:])
            if 0 <= number < len(self._candidates):
                self.post_message(MeaningChosen(self.entity.key, self._candidates[number]))
        elif event.option_list.id == "mentions":
            self.post_message(MentionChosen(int(option_id[1:])))

    def action_leave(self) -> None:
        """Back to the article."""
        self.post_message(LeavePanel())

    def action_retry(self) -> None:
        """Fetch the shown entity again."""
        if self.entity is not None:
            self.post_message(Retry(self.entity.key))
