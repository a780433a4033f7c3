"""WCAG 2 contrast: relative luminance, contrast ratio, and readable colour choices.

Pure logic on ``(r, g, b)`` tuples of 0-255 integers (no Textual), so a test can check
every theme's highlight colours against the 4.5:1 that WCAG asks of normal text.
"""

from __future__ import annotations

RGB = tuple[int, int, int]

#: WCAG 2 AA minimum for normal text.
AA = 4.5


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: RGB) -> float:
    """Relative luminance (0 black ... 1 white)."""
    r, g, b = (_channel(v) for v in colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ratio(first: RGB, second: RGB) -> float:
    """Contrast ratio of two colours (1 ... 21), in either order."""
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def blend(top: RGB, bottom: RGB, alpha: float) -> RGB:
    """``top`` with opacity ``alpha`` over ``bottom``."""
    r, g, b = (round(t * alpha + u * (1 - alpha)) for t, u in zip(top, bottom, strict=True))
    return r, g, b


def readable(colour: RGB, background: RGB, target: float = AA) -> RGB:
    """``colour``, made lighter or darker just enough to reach ``target`` on ``background``.

    It moves towards white on a dark background and towards black on a light one (the
    direction with more room); the hue is kept as far as the target allows.
    """
    if ratio(colour, background) >= target:
        return colour
    towards: RGB = (255, 255, 255) if luminance(background) < 0.18 else (0, 0, 0)
    if ratio(towards, background) < target:  # the other end has more room
        towards = (0, 0, 0) if towards == (255, 255, 255) else (255, 255, 255)
    low, high = 0.0, 1.0
    for _ in range(20):  # bisect the smallest mix that reaches the target
        middle = (low + high) / 2
        if ratio(blend(towards, colour, middle), background) >= target:
            high = middle
        else:
            low = middle
    return blend(towards, colour, high)


def hex_colour(colour: RGB) -> str:
    """``#rrggbb``."""
    return "#{:02x}{:02x}{:02x}".format(*colour)
