"""Results that show themselves: a dict as before, a table in a notebook, a DataFrame in one call.

The workspace's dict results (an explanation, a plan, a simulation, perception, funnels, a
history, a community map, a shortlist, the opinion answers) come as :class:`Result`: still a
plain ``dict`` (JSON as before, every key where it was), with

* ``result.to_pandas()`` / ``result.to_polars()`` — its main table as a DataFrame (``part=``
  another one: ``result.parts()`` lists them);
* ``result.figure(lang="en")`` — its chart (a plotly figure, which Jupyter draws);
* an HTML table when a notebook displays it (``_repr_html_``), text escaped.

Rankings are :class:`pyarrow.Table` already: ``table.to_pandas()``, ``polars.from_arrow(table)``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from html import escape
from typing import Any

__all__ = ["Result"]


def _explanation_rows(r: Mapping[str, Any]) -> list[dict[str, Any]]:
    scored = r.get("scored") or {}
    return [{"component": c, "value": scored.get(c), "scale": r["scales"].get(c), "points": scored.get(f"{c}_points")}
            for c in ("reach", "amplification", "depth", "impact", "momentum") if r["available"].get(c)]


def _funnel_rows(r: Mapping[str, Any]) -> list[dict[str, Any]]:
    return [{"brand": b["brand"], "competitor": b["competitor"], **b["funnel"]} for b in r["brands"]]


def _each_brand(key: str) -> Callable[[Mapping[str, Any]], list[dict[str, Any]]]:
    return lambda r: [{"brand": b["brand"], **row} for b in r["brands"] for row in b[key]]


_POPULATION = ("community", "n_nodes", "critical_fraction", "low", "high", "critical_count", "tipped",
               "committed_for", "committed_against", "share_for_at_start")


def _populations(r: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    return [r, *r.get("communities", [])]


def _tipping_rows(r: Mapping[str, Any]) -> list[dict[str, Any]]:
    return [{k: p.get(k) for k in _POPULATION} for p in _populations(r)]


def _tipping_curve(r: Mapping[str, Any]) -> list[dict[str, Any]]:
    return [{"community": p["community"], **point} for p in _populations(r) for point in p["curve"]]


def _settle_rows(r: Mapping[str, Any]) -> list[dict[str, Any]]:
    return [{"scenario": name, **{k: v for k, v in row.items() if k != "clusters"}}
            for name, rows in r["scenarios"].items() for row in rows]


def _settle_clusters(r: Mapping[str, Any]) -> list[dict[str, Any]]:
    return [{"scenario": name, "community": row["community"], **c}
            for name, rows in r["scenarios"].items() for row in rows for c in row.get("clusters", [])]


def _convert_plans(r: Mapping[str, Any]) -> list[dict[str, Any]]:
    return [{"plan": "nothing done", "mean": r["nothing_done"], "gain": 0.0},
            {"plan": "greedy", "mean": r["greedy"]["mean"], "gain": r["greedy"]["gain"]},
            {"plan": "top scored", "mean": r["top_scored"]["mean"], "gain": r["top_scored"]["gain"]}]


#: per kind: the parts (name -> rows), the first being the main table
_PARTS: dict[str, dict[str, Callable[[Mapping[str, Any]], list[dict[str, Any]]]]] = {
    "explanation": {"components": _explanation_rows, "top_reactors": lambda r: r["top_reactors"],
                    "top_posts": lambda r: r["top_posts"], "history": lambda r: r["history"],
                    "daily_reactions": lambda r: [{"day": d, "reactions": n, "reactors": u}
                                                  for d, n, u in r["daily_reactions"]]},
    "plan": {"influencers": lambda r: r["influencers"], "comparison": lambda r: r["comparison"]},
    "simulation": {"spread_by_step": lambda r: [{"step": i, "reached": v} for i, v in enumerate(r["spread_by_step"])]},
    "perception": {"influencers": lambda r: r["influencers"], "brands": lambda r: r["brands"]},
    "advocates": {"funnel": _funnel_rows, "advocates": _each_brand("advocates"),
                  "detractors": _each_brand("detractors"), "events": _each_brand("events")},
    "history": {"stability": lambda r: r["stability"], "rising": lambda r: r["rising"], "fading": lambda r: r["fading"],
                "one_window_influencers": lambda r: r["one_window_influencers"]},
    "community_report": {"communities": lambda r: r["communities"], "brokers": lambda r: r["brokers"]},
    "community_map": {"nodes": lambda r: r["nodes"], "communities": lambda r: r["communities"]},
    "shortlist": {"rows": lambda r: r["rows"].to_pylist()},
    "opinion_tipping": {"populations": _tipping_rows, "curve": _tipping_curve,
                        "accounts": lambda r: r.get("accounts") or []},
    "opinion_settle": {"scenarios": _settle_rows, "clusters": _settle_clusters},
    "opinion_convert": {"plans": _convert_plans, "greedy": lambda r: r["greedy"]["accounts"],
                        "top_scored": lambda r: r["top_scored"]["accounts"]},
}

_FIGURES = {
    "explanation": "explanation_figure", "plan": "plan_figure", "simulation": "simulation_figure",
    "perception": "perception_figure", "advocates": "funnels_figure", "history": "trends_figure",
    "community_map": "community_map_figure", "opinion_tipping": "tipping_figure",
    "opinion_settle": "settle_figure", "opinion_convert": "convert_figure",
}


class Result(dict):
    """A workspace result: a ``dict`` that converts to DataFrames, draws its chart and shows
    itself as a table in a notebook.

    Examples
    --------
    >>> r = Result("simulation", {"expected_spread": 2.5, "spread_by_step": [1.0, 2.0, 2.5]})
    >>> r["expected_spread"], r.parts(), r.rows()[-1]
    (2.5, ['spread_by_step'], {'step': 2, 'reached': 2.5})
    """

    def __init__(self, kind: str, data: Mapping[str, Any]) -> None:
        super().__init__(data)
        if kind not in _PARTS:
            raise ValueError(f"unknown result kind {kind!r}")
        self.kind = kind

    def parts(self) -> list[str]:
        """The tables this result holds, the main one first."""
        return list(_PARTS[self.kind])

    def rows(self, part: str | None = None) -> list[dict[str, Any]]:
        """One of its tables (the main one by default) as a list of dicts."""
        name = part or self.parts()[0]
        if name not in _PARTS[self.kind]:
            from einfluence.exceptions import ParameterError

            raise ParameterError(f"expected one of {', '.join(self.parts())}, got {name!r}", parameter="part")
        return list(_PARTS[self.kind][name](self))

    def to_pandas(self, part: str | None = None) -> Any:
        """A table of the result as a :class:`pandas.DataFrame` (pandas must be installed)."""
        import pandas as pd

        return pd.DataFrame(self.rows(part))

    def to_polars(self, part: str | None = None) -> Any:
        """A table of the result as a :class:`polars.DataFrame` (polars must be installed)."""
        import polars as pl

        return pl.DataFrame(self.rows(part))

    def figure(self, lang: str = "en") -> Any:
        """The result's chart, as the reports and the command line's ``--plot`` draw it."""
        from einfluence import figures

        if self.kind == "shortlist":
            return figures.ranking_figure(self.rows(), top=len(self.rows()), lang=lang, title=self.get("title"))
        if self.kind not in _FIGURES:
            from einfluence.exceptions import ParameterError

            raise ParameterError(f"a {self.kind} result has no chart; its tables: {', '.join(self.parts())}",
                                 parameter="figure")
        return getattr(figures, _FIGURES[self.kind])(self, lang=lang)

    def _repr_html_(self, max_rows: int = 20) -> str:
        rows = self.rows()
        columns = [c for c in (rows[0] if rows else {}) if not isinstance(rows[0][c], list | dict)]
        head = "".join(f"<th>{escape(str(c))}</th>" for c in columns)
        body = "".join(
            "<tr>" + "".join(f"<td>{escape(_cell(row.get(c)))}</td>" for c in columns) + "</tr>" for row in rows[:max_rows])
        more = f"<p>… {len(rows) - max_rows:,} more rows: .to_pandas()</p>" if len(rows) > max_rows else ""
        hint = (f"{escape(self.kind)}: {len(rows):,} {escape(self.parts()[0])}"
                + ("; .figure() draws it" if self.kind in _FIGURES or self.kind == "shortlist" else "")
                + f"; tables: {escape(', '.join(self.parts()))}")
        return f"<div><p><b>{hint}</b></p><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{more}</div>"


def _cell(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:,.3g}" if abs(value) < 1000 else f"{value:,.0f}"
    return "" if value is None else str(value)
