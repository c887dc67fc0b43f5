"""Self-contained HTML pages of figures: plotly.js travels inside the page, compressed.

A page made here opens with no network: plotly.js (einfluence's partial bundle, 1.7 MB, or the
whole library, 4.8 MB, for figures the bundle cannot draw: :mod:`einfluence.figures.plotlyjs`) is
embedded gzip-compressed and base64-encoded (0.74 MB, or 2 MB), unpacked by the browser's own ``DecompressionStream`` and run;
then every figure is drawn from its JSON specification, embedded beside its ``<div>``. When all
figures are drawn the page sets ``data-ready`` on its root element (``data-error`` if something
failed), which is what the PDF and picture renderers wait for.

The compression keeps a report small enough to send by e-mail, and the page references no
resource outside itself. It needs a browser of 2023 or later (Chromium 80, Firefox 113,
Safari 16.4); older ones show the tables and a note instead of the charts.
"""

from __future__ import annotations

import base64
import contextlib
import functools
import gzip
import hashlib
import json
from collections.abc import Iterable
from html import escape
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import plotly.graph_objects as go

__all__ = ["LOADER", "figure_block", "page", "plotly_script", "spec_json"]

#: the plotly.js configuration of every embedded figure
CONFIG = {"displaylogo": False, "responsive": True}

#: French dates on the axes (plotly.js ships locales as separate files; this is all a figure needs)
_FRENCH = {
    "moduleType": "locale", "name": "fr", "dictionary": {},
    "format": {
        "days": ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"],
        "shortDays": ["dim.", "lun.", "mar.", "mer.", "jeu.", "ven.", "sam."],
        "months": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
                   "octobre", "novembre", "décembre"],
        "shortMonths": ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.",
                        "nov.", "déc."],
        "date": "%d/%m/%Y", "year": "%Y", "month": "%b %Y", "dayMonth": "%-d %b", "dayMonthYear": "%-d %b %Y",
        "decimal": ",", "thousands": "\u202f",
    },
}

#: unpacks plotly.js, draws every figure of the page, then marks the page ready (or failed)
LOADER = """
(async () => {
  const FRENCH = """ + json.dumps(_FRENCH) + """;
  const root = document.documentElement;
  try {
    if (typeof DecompressionStream === "undefined") throw new Error("this browser cannot unpack the charts");
    const packed = document.getElementById("einfluence-plotly").textContent.trim();
    const bytes = Uint8Array.fromBase64 ? Uint8Array.fromBase64(packed)
      : Uint8Array.from(atob(packed), (c) => c.charCodeAt(0));
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    const code = await new Response(stream).text();
    const script = document.createElement("script");
    script.textContent = code;
    document.head.appendChild(script);
    Plotly.register(FRENCH);
    const config = JSON.parse(root.dataset.plotlyConfig || "{}");
    const drawn = [];
    for (const spec of document.querySelectorAll("script[data-figure]")) {
      const fig = JSON.parse(spec.textContent);
      const locale = (fig.layout.meta && fig.layout.meta.lang) || root.lang || "en";
      drawn.push(Plotly.newPlot(spec.dataset.figure, fig.data, fig.layout, {...config, locale}));
    }
    await Promise.all(drawn);
    root.dataset.ready = "1";
  } catch (err) {
    root.dataset.error = String(err);
    for (const note of document.querySelectorAll(".figure-fallback")) note.hidden = false;
    console.error(err);
  }
})();
"""


@functools.lru_cache(maxsize=2)
def _packed_plotly(text: str) -> str:
    """plotly.js gzip-compressed and base64-encoded: computed once per plotly.js and kept in the
    user's cache folder (packing the whole library takes most of a second)."""
    from einfluence._environment import user_cache_dir
    from einfluence.base.files import write_atomic

    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    folder = user_cache_dir("plotly")
    cached = None if folder is None else folder / f"plotly-{digest}.js.gz.b64"
    if cached is not None and cached.is_file():
        packed = cached.read_text(encoding="ascii")
        if packed:  # written whole (write_atomic), so complete when present
            return packed
    packed = base64.b64encode(gzip.compress(text.encode("utf-8"), compresslevel=6, mtime=0)).decode("ascii")
    if cached is not None:
        with contextlib.suppress(OSError):  # a cache that cannot be written only costs time
            write_atomic(cached, packed)
    return packed


def plotly_script(traces: Iterable[str] = ()) -> str:
    """The ``<script>`` elements that bring plotly.js and draw the page's figures: put once, at the
    end of the body. ``traces``: the trace types of the page's figures
    (:func:`einfluence.figures.plotlyjs.trace_types`), which choose the plotly.js embedded."""
    from einfluence.figures.plotlyjs import plotly_js

    return (f'<script type="application/octet-stream" id="einfluence-plotly">{_packed_plotly(plotly_js(traces))}</script>\n'
            f"<script>{LOADER}</script>")


def spec_json(fig: go.Figure) -> str:
    """The figure's JSON, safe inside a ``<script>`` element (``<`` written ``\\u003c``, so that no
    text of the data can close the element)."""
    return fig.to_json(validate=False).replace("<", "\\u003c")


def figure_block(fig: go.Figure, div_id: str, *, fallback: str = "") -> str:
    """A figure's ``<div>`` and its specification (``div_id`` must be unique in the page).

    ``fallback`` (HTML, already escaped) is shown instead when the charts cannot be drawn.
    """
    height = int(fig.layout.height or 450)
    note = f'<div class="figure-fallback" hidden>{fallback}</div>' if fallback else ""
    return (f'<div class="figure" id="{div_id}" style="min-height:{height}px"></div>{note}\n'
            f'<script type="application/json" data-figure="{div_id}">{spec_json(fig)}</script>')


def page(title: str, body: str, *, style: str = "", lang: str = "en", traces: Iterable[str] = ()) -> str:
    """A whole HTML document: ``body`` (HTML, already escaped) followed by the figure loader
    (``traces``: the trace types of the body's figures, see :func:`plotly_script`)."""
    return (
        "<!DOCTYPE html>\n"
        f"<html lang=\"{escape(lang)}\" data-plotly-config='{json.dumps(CONFIG)}'><head><meta charset=\"utf-8\">"
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{style}</style></head>\n<body>\n{body}\n"
        f"{plotly_script(traces)}\n</body></html>\n"
    )
