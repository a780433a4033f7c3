"""Every key binding of the app, in one table: used by the widgets and the help screen.

Bindings have ids (``reader.next``...), so a keymap can rebind them. Keys avoid AltGr on
German layouts: where a key needs it there (``[``, ``]``, ``/``...), an alternative that
does not is bound too (``,`` / ``.``, ``ctrl+f``).
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding


@dataclass(frozen=True)
class Key:
    """One binding: keys (comma-separated), action, description, where it works."""

    keys: str
    action: str
    description: str
    id: str
    scope: str  # a key of SCOPES
    show: bool = False
    key_display: str | None = None
    priority: bool = False
    #: False for keys a Textual widget handles itself (documented in the help only).
    bind: bool = True

    def binding(self) -> Binding:
        """The Textual binding."""
        return Binding(self.keys, self.action, self.description, show=self.show,
                       key_display=self.key_display, priority=self.priority,
                       id=f"reader.{self.id}")


KEYS: tuple[Key, ...] = (
    # -- anywhere (``screen.``: an action of the main screen) -----------------------------
    Key("q", "quit", "Quit", "quit", "app", show=True),
    Key("f1,question_mark", "help", "Help", "help", "app", show=True, key_display="F1/?"),
    Key("i", "screen.index", "Index", "index", "app", show=True),
    Key("slash,ctrl+f", "screen.find", "Find", "find", "app", show=True, key_display="/"),
    Key("b", "screen.toggle_panel", "Panel", "panel", "app", show=True),
    Key("plus,f3", "screen.find_next", "Next find match (also after the bar is closed)",
        "find_next", "app", key_display="+"),
    Key("minus,shift+f3", "screen.find_previous", "Previous find match", "find_previous",
        "app", key_display="-"),
    Key("t", "cycle_theme", "Next theme", "theme", "app"),
    Key("r", "screen.retry_failed", "Fetch every failed background again", "retry", "app"),
    Key("e", "screen.export", "Export Markdown", "export", "app", show=True),
    Key("o", "screen.open_entity_page", "Open the selected entity's page in the browser",
        "open_page", "app"),
    Key("O", "screen.open_source", "Open the article's web page in the browser",
        "open_source", "app"),
    # -- corrections (on the selected entity) -------------------------------------------
    Key("x", "screen.hide_entity", "Hide the selected entity (here or everywhere)…", "hide",
        "corrections"),
    Key("u", "screen.hidden_entities", "Hidden entities: show one again…", "unhide", "corrections"),
    Key("c", "screen.choose_page", "Choose or type the glossary page…", "page", "corrections"),
    Key("a", "screen.edit_note", "Write a note on the selected entity…", "note", "corrections"),
    # -- article ----------------------------------------------------------------------
    Key("tab,n", "next_mention", "Next entity", "next", "article", show=True,
        key_display="Tab/n"),
    Key("shift+tab,p", "previous_mention", "Previous entity", "previous", "article"),
    Key("right_square_bracket,full_stop", "next_same", "Next mention of this entity",
        "next_same", "article", key_display="]/."),
    Key("left_square_bracket,comma", "previous_same", "Previous mention of this entity",
        "previous_same", "article", key_display="[/,"),
    Key("enter", "activate", "Show in panel", "activate", "article"),
    Key("f", "jump", "Jump", "jump", "article", show=True),
    Key("m", "mark", "Mark text to add an entity (mark mode)", "mark", "article"),
    Key("escape", "clear", "Clear selection / matches", "clear", "article"),
    Key("down,j", "scroll_down", "Scroll down", "down", "article"),
    Key("up,k", "scroll_up", "Scroll up", "up", "article"),
    Key("pagedown,space", "page_down", "Page down", "page_down", "article"),
    Key("pageup,shift+space", "page_up", "Page up", "page_up", "article"),
    Key("home,g", "scroll_home", "Top", "top", "article"),
    Key("end,G", "scroll_end", "Bottom", "bottom", "article"),
    # -- mark mode (bindings of the article view, enabled while a mark is shown) --------
    Key("left,h,b", "mark_move('left')", "Mark the previous word", "mark_left", "mark"),
    Key("right,l,w", "mark_move('right')", "Mark the next word", "mark_right", "mark"),
    Key("shift+left,H,B", "mark_move('left', True)", "Extend / shrink the mark by a word",
        "mark_extend_left", "mark"),
    Key("shift+right,L,W", "mark_move('right', True)", "Extend / shrink the mark by a word",
        "mark_extend_right", "mark"),
    Key("up,k", "mark_move('up')", "Mark a word on the line above", "mark_up", "mark"),
    Key("down,j", "mark_move('down')", "Mark a word on the line below", "mark_down", "mark"),
    Key("shift+up,K", "mark_move('up', True)", "Extend the mark a line up", "mark_extend_up",
        "mark"),
    Key("shift+down,J", "mark_move('down', True)", "Extend the mark a line down",
        "mark_extend_down", "mark"),
    Key("enter,m", "mark_done", "Add the marked text as an entity (choose its type)",
        "mark_done", "mark"),
    Key("escape", "mark_cancel", "Leave mark mode", "mark_cancel", "mark"),
    # -- jump mode: labels are typed like text (the article view's on_key), not commands -
    Key("a,s,d,f,…", "jump_type", "Type the label shown over an entity (any other key "
        "leaves)", "jump_type", "jump", bind=False),
    # -- find bar ---------------------------------------------------------------------
    Key("enter,down", "find_next", "Next match", "find_bar_next", "find"),
    Key("up,shift+enter", "find_previous", "Previous match", "find_bar_previous", "find"),
    Key("escape", "close", "Close the find bar", "find_close", "find"),
    # -- glossary panel ---------------------------------------------------------------
    Key("enter", "select", "Choose", "panel_choose", "panel", show=True),
    Key("escape", "leave", "Back to the article", "panel_leave", "panel", show=True),
    Key("r", "retry", "Fetch again", "panel_retry", "panel", show=True),
    # -- entity index -----------------------------------------------------------------
    Key("escape", "close", "Close", "index_close", "index"),
    Key("enter", "select", "Jump to the entity", "index_select", "index", bind=False),
    Key("tab", "next_tab", "Next tab (People, Organisations, Places, Other, On screen)",
        "index_next_tab", "index", priority=True),
    Key("shift+tab", "previous_tab", "Previous tab", "index_previous_tab", "index",
        priority=True),
    Key("ctrl+o", "toggle_sort", "Order: most mentioned / first appearance", "index_sort",
        "index"),
    Key("down", "cursor_down", "Next entity (while typing the filter)", "index_down", "index"),
    Key("up", "cursor_up", "Previous entity (while typing the filter)", "index_up", "index"),
    # -- glossary page dialog ---------------------------------------------------------
    Key("down", "to_list", "To the other pages", "page_to_list", "page"),
    # -- key help ---------------------------------------------------------------------
    Key("escape,q,f1,question_mark", "close", "Close the help", "help_close", "help"),
    # -- library and reading history (reader/app/reading.py, library_screen.py) ---------
    Key("backspace", "library", "Library", "library",
        "library", show=True, key_display="⌫"),
    Key("less_than_sign,alt+left", "history_back", "Back to where the last jump started",
        "history_back", "library", key_display="<"),
    Key("greater_than_sign,alt+right", "history_forward", "Forward again", "history_forward",
        "library", key_display=">"),
    Key("escape", "escape_to_library", "Back to the library (an entry with nothing selected)",
        "library_back", "library", priority=True),
    Key("enter", "open", "Open the entry", "library_open", "library_list", bind=False),
    Key("ctrl+r,f5", "refresh", "Refresh the feeds", "library_refresh", "library_list",
        show=True, key_display="Ctrl+R"),
    Key("tab", "switch", "Feeds / entries", "library_switch", "library_list", show=True),
    Key("escape", "clear_or_quit", "Clear the filter, else quit", "library_escape",
        "library_list", show=True),
    # -- note editor ------------------------------------------------------------------
    Key("ctrl+s", "save", "Save the note", "note_save", "note", priority=True),
    Key("escape", "cancel", "Close (asks first if the note changed)", "note_cancel", "note"),
)

#: Letters of jump labels (no AltGr, same place on QWERTY and QWERTZ).
JUMP_LETTERS = "asdfghjklqwertuiopcvbnm"
SCOPES: dict[str, str] = {
    "app": "Anywhere",
    "article": "Article",
    "corrections": "Corrections (your fixes, kept for every article)",
    "mark": "Mark mode (m, or drag with the mouse)",
    "jump": "Jump mode (f)",
    "find": "Find bar",
    "panel": "Glossary panel (Tab moves between its lists)",
    "index": "Entity index (type a name or a type such as place to filter)",
    "note": "Note editor",
    "page": "Glossary page dialog (c)",
    "help": "This help",
    "library": "Library and jumps",
    "library_list": "Library screen",
}


def bindings(scope: str) -> list[Binding]:
    """The bindings of one scope."""
    return [key.binding() for key in KEYS if key.scope == scope and key.bind]


def display(keys: str, key_display: str | None = None) -> str:
    """A readable form of a comma-separated key list."""
    names = {
        "question_mark": "?", "slash": "/", "right_square_bracket": "]",
        "left_square_bracket": "[", "full_stop": ".", "comma": ",", "escape": "Esc",
        "enter": "Enter", "tab": "Tab", "shift+tab": "Shift+Tab", "pagedown": "PgDn",
        "pageup": "PgUp", "space": "Space", "shift+space": "Shift+Space", "home": "Home",
        "end": "End", "down": "↓", "up": "↑", "f1": "F1", "f3": "F3", "shift+f3": "Shift+F3",
        "ctrl+f": "Ctrl+F", "ctrl+p": "Ctrl+P", "shift+enter": "Shift+Enter",
        "plus": "+", "minus": "-",
        "left": "←", "right": "→", "shift+left": "Shift+←", "shift+right": "Shift+→",
        "shift+up": "Shift+↑", "shift+down": "Shift+↓", "ctrl+s": "Ctrl+S", "ctrl+o": "Ctrl+O",
        "backspace": "Backspace", "less_than_sign": "<", "greater_than_sign": ">",
        "alt+left": "Alt+←", "alt+right": "Alt+→", "ctrl+r": "Ctrl+R", "f5": "F5",
    }
    return "  ".join(names.get(key, key) for key in keys.split(","))
