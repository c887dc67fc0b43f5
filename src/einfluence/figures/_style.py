"""The look shared by every figure: palette, fonts, margins, and how an account is named."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from einfluence.base.labels import account_label, bidi_visible

__all__ = ["COMPONENT_COLOURS", "PALETTE", "POINT_LABEL_CHARS", "account_name", "layout", "text"]

#: how many characters of an account's label are drawn beside a point (the hover shows it whole)
POINT_LABEL_CHARS = 24

#: Okabe–Ito, in the order used for series
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
#: one colour per score component, the same in every figure
COMPONENT_COLOURS = {
    "reach": PALETTE[0], "amplification": PALETTE[1], "depth": PALETTE[2], "impact": PALETTE[3],
    "momentum": PALETTE[4],
}
GREY = "#999999"


def text(value: object) -> str:
    r"""A text of the data made safe for plotly labels: plotly reads a few HTML tags in labels
    (links among them), so ``<``, ``>`` and ``&`` are written as entities, shown literally; and
    a bidirectional override, which would reverse the rest of the label or title, is shown as
    an escape (:func:`~einfluence.base.labels.bidi_visible`).

    Examples
    --------
    >>> text('<a href="javascript:x">hi</a>'), text("evil\u202egnp.exe")
    ('&lt;a href="javascript:x"&gt;hi&lt;/a&gt;', 'evil\\u202egnp.exe')
    """
    return bidi_visible(str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))


def account_name(row: Mapping[str, Any], max_chars: int | None = None) -> str:
    """The account's label (:func:`~einfluence.base.labels.account_label`: ``@handle``, else its
    name, else its source id, as the command line shows it), safe for a plotly label.

    ``max_chars`` cuts a longer label with an ellipsis, for text drawn beside a point: a page's
    name ("Honolulu District, U.S. Army Corps of Engineers") would run over its neighbours and
    past the plot's edge, where a handle fits. The hover text keeps the whole label.

    Examples
    --------
    >>> account_name({"account": "1", "name": "Honolulu District, U.S. Army Corps of Engineers"}, 24)
    'Honolulu District, U.S.…'
    >>> account_name({"account": "1", "handle": "ann"}, 24)
    '@ann'
    """
    name = account_label(row)
    if max_chars is not None and len(name) > max_chars:
        name = name[: max_chars - 1].rstrip() + "…"
    return text(name)


def layout(lang: str, title: str, **more: Any) -> dict[str, Any]:
    """The layout every figure starts from (numbers written as readers of ``lang`` write them)."""
    base: dict[str, Any] = {
        "separators": ", " if lang == "fr" else ".,",
        # the page draws dates (month and day names) in this language: see figures/page.py
        "meta": {"lang": lang},
        "title": {"text": title, "x": 0.01, "xanchor": "left"},
        "font": {"family": "Inter, Segoe UI, Helvetica, Arial, sans-serif", "size": 13, "color": "#222"},
        "paper_bgcolor": "white", "plot_bgcolor": "white",
        "margin": {"l": 60, "r": 24, "t": 64, "b": 48},
        # under the plot: above it, legends collide with titles once a page is narrow
        "legend": {"orientation": "h", "yanchor": "top", "y": -0.16, "xanchor": "left", "x": 0.0},
        "hoverlabel": {"bgcolor": "white"},
    }
    base.update(more)
    return base
