"""The map of communities: accounts coloured by community, sized by score, leaders and brokers marked."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from einfluence.figures._style import GREY, PALETTE, account_name, layout
from einfluence.i18n import check_lang, label, number

if TYPE_CHECKING:
    import plotly.graph_objects as go

__all__ = ["community_map_figure"]

_SHOWN_COMMUNITIES = 12  # in the legend; smaller communities share one grey


def community_map_figure(community_map: Mapping[str, Any], *, lang: str = "en", edges: bool = True,
                         webgl: bool = True) -> go.Figure:
    """A static map of communities (:meth:`einfluence.Workspace.community_map`'s result).

    Each account is a dot coloured by its community (the largest ones; the rest in grey), sized
    by its einfluence score; leaders are stars and brokers diamonds, with their names; a hover
    gives account, community and score. WebGL markers keep maps of tens of thousands of accounts
    responsive; ``webgl=False`` draws vector markers instead, for print (a few thousand at most).
    """
    import plotly.graph_objects as go

    scatter = go.Scattergl if webgl else go.Scatter

    check_lang(lang)
    nodes = community_map.get("nodes") or []
    order = [c["community"] for c in community_map.get("communities", [])]
    colour = {c: PALETTE[i % len(PALETTE)] for i, c in enumerate(order[:_SHOWN_COMMUNITIES])}
    fig = go.Figure()
    if edges and community_map.get("edges"):
        xs, ys = [], []
        for a, b, _ in community_map["edges"]:
            xs += [nodes[a]["x"], nodes[b]["x"], None]
            ys += [nodes[a]["y"], nodes[b]["y"], None]
        fig.add_trace(scatter(x=xs, y=ys, mode="lines", line={"color": "rgba(120,120,120,0.15)", "width": 0.6},
                                   hoverinfo="skip", showlegend=False))
    sizes = {c["community"]: c["size"] for c in community_map.get("communities", [])}
    groups: dict[Any, list[dict[str, Any]]] = {}
    for node in nodes:
        groups.setdefault(node["community"] if node["community"] in colour else "other", []).append(node)
    top = max((n["score"] for n in nodes), default=1.0) or 1.0

    def size(member: Mapping[str, Any]) -> float:
        return 4 + 14 * (member["score"] / top) ** 0.5

    def hover(member: Mapping[str, Any]) -> str:
        roles = [label(role, lang) for role in ("leader", "broker") if member[role]]
        return (f"{account_name(member)} · {label('community', lang)} {member['community']} · "
                f"{label('score', lang)} {number(member['score'], lang, 1)}" + "".join(f" · {r}" for r in roles))

    for key in [*[c for c in order if c in groups], *(["other"] if "other" in groups else [])]:
        members = groups[key]
        name = (f"{label('community', lang)} {key} ({number(sizes.get(key, len(members)), lang)} {label('size', lang)})"
                if key != "other" else "…")
        fig.add_trace(scatter(
            x=[m["x"] for m in members], y=[m["y"] for m in members], mode="markers", name=name,
            legendgroup=str(key), marker={"color": colour.get(key, GREY), "size": [size(m) for m in members],
                                          "line": {"width": 0.4, "color": "white"}},
            text=[hover(m) for m in members], hoverinfo="text",
        ))
    # leaders (stars) and brokers (diamonds) on top, outlined, so that they stand out of dense discs
    for role, symbol in (("leader", "star"), ("broker", "diamond")):
        marked = [m for m in nodes if m[role]]
        if marked:
            fig.add_trace(scatter(
                x=[m["x"] for m in marked], y=[m["y"] for m in marked], mode="markers", name=label(role, lang),
                marker={"symbol": symbol, "size": [size(m) + 8 for m in marked], "line": {"width": 1.5, "color": "#222"},
                        "color": [colour.get(m["community"], GREY) for m in marked]},
                text=[hover(m) for m in marked], hoverinfo="text",
            ))
    # the strongest leader of each community shown by name
    best: dict[Any, Mapping[str, Any]] = {}
    for m in nodes:
        if m["leader"] and m["community"] in colour and (m["community"] not in best
                                                         or m["score"] > best[m["community"]]["score"]):
            best[m["community"]] = m
    for m in best.values():
        fig.add_annotation(x=m["x"], y=m["y"], text=account_name(m), showarrow=True, arrowhead=0, ax=0, ay=-28,
                           bgcolor="rgba(255,255,255,0.85)", bordercolor="#888", font={"size": 11})
    fig.update_layout(**layout(lang, label("communities.title", lang), height=720,
                               xaxis={"visible": False}, yaxis={"visible": False, "scaleanchor": "x"},
                               legend={"orientation": "h", "x": 0.0, "xanchor": "left", "y": -0.02, "yanchor": "top"}))
    return fig
