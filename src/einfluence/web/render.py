"""Rendering a page: the Jinja2 environment (autoescaping on), the language, figures.

Text from the data is never trusted: every value goes through Jinja2's autoescaping, and a
figure's JSON is written so that no text of it can close its ``<script>`` element.
"""

from __future__ import annotations

import functools
import json
from datetime import datetime
from typing import Any
from urllib.parse import urlencode

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup
from starlette.requests import Request
from starlette.responses import HTMLResponse

from einfluence.base.labels import account_label
from einfluence.figures.page import spec_json
from einfluence.figures.plotlyjs import check_bundled
from einfluence.i18n import (
    LANGUAGES,
    code_label,
    input_error_where,
    label,
    number,
    percent,
    reason_say,
    say,
    server_text,
)
from einfluence.web.static import plotly_url

__all__ = ["LANG_COOKIE", "code_label", "data_window", "evidence_text", "figure", "job_stage", "language", "page",
           "problem_text", "server_text"]

LANG_COOKIE = "einfluence_lang"

#: the pages, in the order of the navigation: (path under the workspace, label key)
PAGES = (("", "web.nav.overview"), ("influencers", "web.nav.influencers"),
         ("communities", "web.nav.communities"), ("topics", "web.nav.topics"),
         ("campaigns", "web.nav.campaigns"), ("brands", "web.nav.brands"), ("opinion", "opinion.nav"),
         ("imports", "web.nav.imports"))


@functools.lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(loader=PackageLoader("einfluence.web", "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      trim_blocks=True, lstrip_blocks=True)
    # how an account is named on every page: the rule of the command line and the reports
    env.globals["account_label"] = account_label
    return env


def language(request: Request) -> str:
    """The page's language: ``?lang=`` first, then the remembered choice, then the browser's."""
    asked = request.query_params.get("lang")
    if asked in LANGUAGES:
        return asked
    kept = request.cookies.get(LANG_COOKIE)
    if kept in LANGUAGES:
        return kept
    accept = request.headers.get("accept-language", "")
    return "fr" if accept[:2].lower() == "fr" else "en"


def when(value: Any, lang: str = "en", *, time: bool = True) -> str:
    """A date (and time) from the API (ISO 8601 text), as the reader writes it."""
    if value in (None, ""):
        return "–"
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        return str(value)
    day = moment.strftime("%d/%m/%Y" if lang == "fr" else "%Y-%m-%d")
    return f"{day} {moment:%H:%M}" if time else day


def data_window(produced_by: dict[str, Any], spans: dict[str, Any] | None, lang: str = "en") -> str:
    """A result's window as the reports write it: each end the bound asked, or, left open, the
    first or last event of the data (its networks') and when it happened.

    ``spans`` is the workspace summary's ``time_span`` (``{"*" or network: {"first", "last"}}``).
    """
    spans = spans or {}
    networks = produced_by.get("networks") or ["*"]
    known = [spans[n] for n in networks if n in spans]

    def end(bound: Any, key: str, name: str, pick: Any) -> str:
        if bound not in (None, ""):
            return when(bound, lang)
        events = [s[key] for s in known if s.get(key)]
        return f"{label(name, lang)} ({when(pick(events), lang)})" if events else label(name, lang)

    return (f"{end(produced_by.get('since'), 'first', 'report.first_event', min)} → "
            f"{end(produced_by.get('until'), 'last', 'report.last_event', max)}")


def problem_text(problem: dict[str, Any] | None, lang: str = "en") -> Markup:
    """A job's error (problem details) for a reader of ``lang``: an import error as "File …,
    line …, field …: reason" with its reason said from its key; the text that stays in English
    (a reason without a key, another error's detail) marked so."""
    if not problem:
        return Markup("")

    def english(text: str) -> Markup:
        return Markup.escape(text) if lang == "en" else Markup('<span lang="en">%s</span>') % text

    if "reason" in problem:
        where = input_error_where(lang, file=problem.get("file"), line=problem.get("line"),
                                  field=problem.get("field"))
        reason = str(problem["reason"])
        key = problem.get("reason_key")
        why = _codes(reason_say(key, problem.get("reason_values"), lang)) if key else english(reason)
        return Markup.escape(where) + Markup.escape(label("input.colon", lang)) + why if where else why
    detail = english(str(problem.get("detail") or problem.get("title") or ""))
    field = problem.get("field")
    return detail + (Markup(' <span class="muted">(%s)</span>') % field if field else Markup(""))


def job_stage(job: dict[str, Any], lang: str = "en") -> Markup:
    """A job's stage (as the API gives it) for a reader of ``lang``: said from its key; a stage
    without one (a job stored by an earlier server) shows its English, marked so."""
    key = job.get("stage_key")
    if key:
        return Markup.escape(say(str(key), job.get("stage_values") or {}, lang))
    text = str(job.get("stage") or "")
    return Markup.escape(text) if lang == "en" else Markup('<span lang="en">%s</span>') % text


def evidence_text(event: dict[str, Any], lang: str = "en") -> Markup:
    """A funnel event's evidence (why the account reached the stage) for a reader of ``lang``,
    said from its key and values; an event without them shows its English, marked so."""
    key = event.get("reason_key")
    if key:
        return Markup.escape(say(str(key), event.get("reason_values") or {}, lang))
    text = str(event.get("reason") or "")
    return Markup.escape(text) if lang == "en" else Markup('<span lang="en">%s</span>') % text


def _codes(text: str) -> Markup:
    """Text with the names it quotes as « name » (file names, columns: typed as they are, in no
    language) marked as code."""
    import re

    parts = re.split(r"« ([^»]+) »", text)
    out = Markup("")
    for i, part in enumerate(parts):
        out += Markup('« <code lang="zxx">%s</code> »') % part if i % 2 else Markup.escape(part)
    return out


def figure(fig: Any, div_id: str, *, height: int | None = None) -> Markup:
    """A plotly figure's ``<div>`` and its JSON (drawn by ``dashboard.js`` with the served plotly.js)."""
    if height is not None:
        fig.update_layout(height=height)
    check_bundled(fig)
    return _block(div_id, int(fig.layout.height or 420), _title_of(fig), spec_json(fig))


def _block(div_id: str, height: int, title: str, spec: str) -> Markup:
    return Markup(f'<div class="figure" id="{div_id}" style="min-height:{height}px" role="figure" '
                  f'aria-label="{Markup.escape(title)}"></div>'
                  f'<script type="application/json" data-figure="{div_id}">{spec}</script>')


_FIGURES: dict[str, tuple[int, str, str]] = {}


def drawn(builder: Any, data: Any, div_id: str, lang: str, **options: Any) -> Markup:
    """``figure(builder(data, lang=lang))``, kept for the same data: building a plotly figure
    costs tens of milliseconds, and a page shows the same result until the next write."""
    import hashlib

    key = hashlib.sha256(json.dumps([builder.__module__, builder.__name__, data, lang, options], sort_keys=True,
                                    default=str).encode()).hexdigest()
    hit = _FIGURES.get(key)
    if hit is None:
        fig = check_bundled(builder(data, lang=lang, **options))
        hit = (int(fig.layout.height or 420), _title_of(fig), spec_json(fig))
        if len(_FIGURES) >= 256:
            _FIGURES.pop(next(iter(_FIGURES)))
        _FIGURES[key] = hit
    return _block(div_id, *hit)


def _title_of(fig: Any) -> str:
    try:
        return str(fig.layout.title.text or "")
    except AttributeError:
        return ""


def page(request: Request, template: str, *, workspace: str | None = None, status: int = 200,
         **context: Any) -> HTMLResponse:
    """A page rendered in the visitor's language (remembered when chosen with ``?lang=``)."""
    lang = language(request)

    def t(key: str, **values: Any) -> str:
        text = label(key, lang)
        return text.format(**values) if values else text

    def switch(code: str) -> str:
        query = {k: v for k, v in request.query_params.multi_items() if k != "lang"}
        return request.url.path + "?" + urlencode([*query.items(), ("lang", code)])

    def url(**changes: Any) -> str:
        """This page's URL with some query parameters changed (None removes one)."""
        query = [(k, v) for k, v in request.query_params.multi_items() if k not in changes and k != "lang"]
        for key, value in changes.items():
            for item in value if isinstance(value, list | tuple) else [value]:
                if item is not None and item != "":
                    query.append((key, str(item)))
        return request.url.path + ("?" + urlencode(query) if query else "")

    html = environment().get_template(template).render(
        lang=lang, t=t, num=lambda v, d=0: number(_real(v), lang, d), pct=lambda v, d=0: percent(_real(v), lang, d),
        when=lambda v, time=True: when(v, lang, time=time), switch=switch, url=url, workspace=workspace,
        pages=PAGES, path=request.url.path, tojson=_tojson, plotly_url=plotly_url(),
        data_window=lambda p: data_window(p, context.get("spans"), lang),
        server_text=lambda text: server_text(text, lang), code=lambda prefix, c: code_label(prefix, c, lang),
        stage_words=lambda job: job_stage(job, lang), problem_text=lambda p: problem_text(p, lang),
        evidence=lambda event: evidence_text(event, lang),
        codes=lambda prefix, cs: ", ".join(code_label(prefix, c.strip(), lang) for c in
                                           (cs.split(",") if isinstance(cs, str) else cs or [])), **context)
    response = HTMLResponse(html, status_code=status)
    if request.query_params.get("lang") in LANGUAGES:
        response.set_cookie(LANG_COOKIE, lang, samesite="strict", path="/", max_age=365 * 24 * 3600)
    return response


def _real(value: Any) -> float | None:
    """A number to show, or None (a dash) for anything else (missing, undefined, text)."""
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _tojson(value: Any) -> Markup:
    """JSON safe inside a ``<script type="application/json">`` element."""
    return Markup(json.dumps(value, ensure_ascii=False, default=str).replace("<", "\\u003c"))
