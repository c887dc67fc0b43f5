"""A headless Chromium that draws figures and prints pages, cut off from the network.

PNG, SVG and PDF are drawn by the same plotly.js, in the same browser, as the HTML pages, so a
picture, a PDF and a page never differ. The browser is Debian's ``chromium`` (or any Chromium
at ``$EINFLUENCE_CHROMIUM``), driven by Playwright; every request that would leave the machine
is refused, and a page that logs an error fails the rendering instead of producing a blank
picture. One :class:`Browser` serves any number of renderings (starting it is the slow part).

Playwright's synchronous API refuses to run in a thread whose asyncio event loop is running, as
in a Jupyter notebook's cells. There, :class:`Browser` drives Chromium from a thread of its own,
so that ``figure.save("x.png")`` and the PDF reports work from a notebook as from a script.
"""

from __future__ import annotations

import asyncio
import base64
import os
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from einfluence.exceptions import EinfluenceError, ParameterError

if TYPE_CHECKING:
    import plotly.graph_objects as go

__all__ = ["Browser", "RenderError", "chromium_path"]

#: flags of a headless Chromium that needs no sandbox, no GPU and no network of its own
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--enable-unsafe-swiftshader",
]
#: the width (CSS px) of an A4 page within the PDF margins (210 mm - 2 x 12 mm at 96 px per inch):
#: figures are drawn at it, so that none is cut and printing resizes none
PRINT_WIDTH = 703
#: how long a page may take to draw its figures (ms)
TIMEOUT_MS = 120_000


class RenderError(EinfluenceError):
    """A page could not be drawn (a script error, a missing browser, a time-out)."""


def chromium_path() -> str:
    """The headless Chromium to render with, or a :class:`ParameterError` saying how to get one."""
    given = os.environ.get("EINFLUENCE_CHROMIUM")
    if given:
        return given
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    raise ParameterError("PNG, SVG and PDF are drawn by a headless Chromium and none was found: install one "
                         "(Debian: apt-get install chromium) or set EINFLUENCE_CHROMIUM to its path")


class Browser:
    """A headless Chromium, started on entering and closed on leaving.

    Examples
    --------
    ::

        with Browser() as browser:
            png = browser.figure_image(fig, "png")
            browser.print_pdf(Path("report.html"), Path("report.pdf"))
    """

    def __init__(self) -> None:
        self._playwright: Any = None
        self._browser: Any = None
        self._thread: ThreadPoolExecutor | None = None

    def _run(self, work: Any, *args: Any, **kwargs: Any) -> Any:
        """``work(*args, **kwargs)`` in the thread that drives Chromium."""
        if self._thread is None:
            return work(*args, **kwargs)
        return self._thread.submit(work, *args, **kwargs).result()

    def __enter__(self) -> Browser:
        try:
            asyncio.get_running_loop()
        except RuntimeError:  # no event loop running here: drive Chromium from this thread
            self._thread = None
        else:  # a notebook's loop: Playwright's sync API needs a thread without one
            self._thread = ThreadPoolExecutor(1, thread_name_prefix="einfluence-browser")
        try:
            self._run(self._start)
        except BaseException:
            if self._thread is not None:
                self._thread.shutdown()
            raise
        return self

    def _start(self) -> None:
        executable = chromium_path()
        try:
            from playwright.sync_api import sync_playwright
        except ImportError:  # pragma: no cover - playwright is a dependency
            raise ParameterError("PNG, SVG and PDF need Playwright: pip install playwright") from None
        self._playwright = sync_playwright().start()
        try:
            self._browser = self._playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        except Exception as err:
            self._playwright.stop()
            raise RenderError(f"could not start Chromium at {executable}: {str(err).splitlines()[0]}") from err

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 tb: TracebackType | None) -> None:
        try:
            self._run(self._stop)
        finally:
            if self._thread is not None:
                self._thread.shutdown()

    def _stop(self) -> None:
        try:
            self._browser.close()
        finally:
            self._playwright.stop()

    def open(self, html_path: Path, *, width: int = 1100, height: int = 800, media: str = "screen") -> Any:
        """A page showing a local HTML file, once its figures are drawn (for ``media``: ``screen``
        or ``print``, the stylesheet the figures are laid out under).

        Raises :class:`RenderError` when the page logs an error, a figure fails, or the page tries
        to fetch anything that is not local (every such request is refused). The page is
        Playwright's: use it in the thread that entered the browser, outside an asyncio loop
        (:meth:`figure_image` and :meth:`print_pdf` work anywhere).
        """
        page = self._browser.new_page(viewport={"width": width, "height": height})
        page.emulate_media(media=media)
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        refused: list[str] = []

        def only_local(route: Any) -> None:
            url = route.request.url
            if url.startswith(("file:", "data:", "blob:")):
                route.continue_()
            else:
                refused.append(url)
                route.abort()

        page.route("**/*", only_local)
        page.goto(Path(html_path).resolve().as_uri(), wait_until="load", timeout=TIMEOUT_MS)
        try:
            page.wait_for_function("document.documentElement.dataset.ready || document.documentElement.dataset.error",
                                   timeout=TIMEOUT_MS)
        except Exception as err:
            page.close()
            raise RenderError(f"{html_path}: the figures were not drawn in {TIMEOUT_MS // 1000} s") from err
        failed = page.evaluate("document.documentElement.dataset.error || ''")
        if failed or errors or refused:
            page.close()
            reason = f"it tried to fetch {refused[0]}" if refused else failed or errors[0]
            raise RenderError(f"{html_path}: {reason}")
        return page

    def figure_image(self, fig: go.Figure, fmt: str, *, width: int = 1100, height: int | None = None) -> bytes:
        """PNG (at twice the size, for sharp print) or SVG bytes of a figure."""
        return self._run(self._figure_image, fig, fmt, width=width, height=height)

    def _figure_image(self, fig: go.Figure, fmt: str, *, width: int, height: int | None) -> bytes:
        import tempfile

        from einfluence.figures.page import figure_block, page
        from einfluence.figures.plotlyjs import trace_types

        height = int(height or fig.layout.height or 500)
        with tempfile.TemporaryDirectory(prefix="einfluence-") as folder:
            path = Path(folder) / "figure.html"
            path.write_text(page("figure", figure_block(fig, "g"), traces=trace_types([fig])), encoding="utf-8")
            tab = self.open(path, width=width, height=height)
            try:
                url = tab.evaluate("async (o) => Plotly.toImage(document.getElementById('g'), o)",
                                   {"format": fmt, "width": width, "height": height, "scale": 2 if fmt == "png" else 1})
            finally:
                tab.close()
        head, _, body = url.partition(",")
        if ";base64" in head:
            return base64.b64decode(body)
        from urllib.parse import unquote

        return unquote(body).encode("utf-8")

    def print_pdf(self, html_path: Path, *, footer: str = "") -> bytes:
        """A PDF of a local HTML page (A4), with the page number and ``footer`` at the foot of each page."""
        return self._run(self._print_pdf, html_path, footer=footer)

    def _print_pdf(self, html_path: Path, *, footer: str) -> bytes:
        from html import escape

        # drawn under the print stylesheet at the printed width from the start: printing then
        # resizes nothing (a resized Sankey animates, and would print mid-way at half its width)
        tab = self.open(html_path, width=PRINT_WIDTH, media="print")
        try:
            return tab.pdf(
                format="A4", print_background=True, display_header_footer=True, header_template="<div></div>",
                footer_template=(
                    '<div style="font-size:8px;color:#666;width:100%;padding:0 12mm;display:flex;'
                    f'justify-content:space-between"><span>{escape(footer)}</span>'
                    '<span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>'),
                margin={"top": "14mm", "bottom": "16mm", "left": "12mm", "right": "12mm"},
            )
        finally:
            tab.close()
