"""What the report builders share: naming accounts, describing runs, dating the report."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from einfluence._version import __version__
from einfluence.base.labels import account_label, bidi_visible
from einfluence.base.runs import run_half_lives
from einfluence.i18n import label, number

__all__ = ["account", "community_run_text", "interval", "now", "score_run_text", "version"]

version = __version__


def now() -> datetime:
    """The report's time stamp (naive UTC, as every time in einfluence)."""
    return datetime.now(UTC).replace(tzinfo=None)


def account(row: Mapping[str, Any]) -> str:
    """The account's label (:func:`~einfluence.base.labels.account_label`: ``@handle``, else its
    name, else its source id, as the command line shows it), a bidirectional override in it shown
    as an escape (it would reverse the rest of a caption or a list of accounts)."""
    return bidi_visible(account_label(row))


def interval(low: float | None, high: float | None, lang: str, digits: int = 1) -> str:
    """``low – high``, or a dash when the interval is undefined (fewer than two values)."""
    if low is None or high is None or low != low or high != high:
        return "–"
    return f"{number(low, lang, digits)} – {number(high, lang, digits)}"


def _window(run: Mapping[str, Any], lang: str) -> str:
    since, until = run.get("since"), run.get("until")
    first, last = label("report.first_event", lang), label("report.last_event", lang)
    text = f"{since or first} → {until or last}"
    if run.get("networks"):
        text += f"; {label('report.networks', lang).lower()} {', '.join(run['networks'])}"
    return text


def score_run_text(run: Mapping[str, Any], lang: str) -> str:
    """A score run's parameters in one line: window, half-lives, weights, basis."""
    p = run["params"]
    weights = ", ".join(f"{label(f'component.{k}', lang)} {v:g}" for k, v in p["weights"].items())
    lives = "; ".join(
        f"{network + ': ' if network else ''}half-life {number(half_life, lang, 1)} h, "
        f"momentum half-life {number(momentum, lang, 1)} h" for network, half_life, momentum in run_half_lives(p))
    text = (f"#{run['run_id']}: {_window(run, lang)}; {lives}; weights {weights}; "
            f"basis {p.get('basis', 'reactions')}; {number(run['n_scored'], lang)} {label('report.scored', lang)}; "
            f"einfluence {run.get('einfluence_version', '?')}")
    if run.get("label"):
        text += f"; {run['label']}"
    return text


def community_run_text(run: Mapping[str, Any], lang: str) -> str:
    """A community run's parameters in one line."""
    algorithm = run["params"].get("algorithm", {})
    return (f"#{run['community_run_id']}: {_window(run, lang)}; Leiden ({algorithm.get('backend', '?')} "
            f"{algorithm.get('backend_version', '')}), resolution {algorithm.get('resolution', '?')}, "
            f"seed {algorithm.get('seed', '?')}; {number(run['n_communities'], lang)} "
            f"{label('communities.count', lang)}, {label('communities.modularity', lang)} "
            f"{number(run['modularity'], lang, 3)}; einfluence {run.get('einfluence_version', '?')}")
