"""Highlight colours of the entity labels, computed from the theme so they stay readable.

Each label takes its hue from a theme colour (people: primary, organisations: success,
places: accent, other: error). The chip background is that colour at 25 % over the
article's surface; the text colour is the theme's matching text colour, lightened or
darkened just enough to reach WCAG AA (4.5:1) on that background. The values become CSS
variables (``$reader-per-fg``, ``$reader-per-bg``...) used by ``app.tcss``.
"""

from __future__ import annotations

from textual.color import Color, ColorParseError

from reader.app.contrast import AA, RGB, blend, hex_colour, readable

#: Label -> (text colour variable, background colour variable) of the theme.
SOURCES: dict[str, tuple[str, str]] = {
    "PER": ("text-primary", "primary"),
    "ORG": ("text-success", "success"),
    "LOC": ("text-accent", "accent"),
    "MISC": ("text-error", "error"),
}
#: Background opacity of a highlight.
ALPHA = 0.25
#: A little above AA, so rounding in a terminal's colour handling cannot drop below it.
TARGET = AA + 0.1


def _rgb(value: str, under: RGB | None = None) -> RGB | None:
    """An opaque colour from a CSS value (None: not an RGB colour, e.g. ANSI)."""
    try:
        colour = Color.parse(value)
    except ColorParseError:
        return None
    if colour.ansi is not None:
        return None
    if colour.a < 1 and under is not None:
        return blend(colour.rgb, under, colour.a)
    return colour.rgb


def label_colours(variables: dict[str, str]) -> dict[str, tuple[str, str]]:
    """Label -> (text colour, background colour) for a theme's CSS ``variables``.

    ANSI themes (whose colours the terminal decides) keep the theme's own values.
    """
    surface = _rgb(variables.get("surface", ""))
    out: dict[str, tuple[str, str]] = {}
    for label, (fg_name, bg_name) in SOURCES.items():
        fg_value, bg_value = variables.get(fg_name, ""), variables.get(bg_name, "")
        hue = _rgb(bg_value)
        if surface is None or hue is None:
            out[label] = (fg_value or "ansi_default", bg_value or "ansi_default")
            continue
        background = blend(hue, surface, ALPHA)
        text = _rgb(fg_value, background) or hue
        out[label] = (hex_colour(readable(text, background, TARGET)), hex_colour(background))
    return out


def label_variables(variables: dict[str, str]) -> dict[str, str]:
    """The CSS variables ``reader-<label>-fg`` / ``-bg`` for a theme's ``variables``."""
    result: dict[str, str] = {}
    for label, (fg, bg) in label_colours(variables).items():
        result[f"reader-{label.lower()}-fg"] = fg
        result[f"reader-{label.lower()}-bg"] = bg
    return result
