"""The dashboard's pages: each parses its query, asks the API (:func:`~einfluence.web.calls.api_get`)
and renders a template. Pages live under ``/w/{workspace}/``; ``/`` opens the first workspace
the visitor's session may read, or the sign-in page."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import RedirectResponse, Response

from einfluence.server.auth import require
from einfluence.server.problems import Problem
from einfluence.web.calls import API, Answer, api_get, api_path
from einfluence.web.render import figure as draw
from einfluence.web.render import page

__all__ = ["install", "router"]

router = APIRouter(include_in_schema=False)
_reader = require("read")


class SignIn(Exception):
    """The visitor has no valid session for this workspace: show the sign-in page."""


async def guard(request: Request, workspace: str) -> Any:
    """The caller of a page (read scope at least), as the API sees it."""
    try:
        return await _reader(request, workspace)
    except Problem as exc:
        if exc.status in (401, 403):
            raise SignIn() from None
        raise


def install(app: Any) -> None:
    @app.exception_handler(SignIn)
    async def _sign_in(request: Request, exc: SignIn) -> Response:
        return page(request, "login.html", status=401)

    app.include_router(router)


def _problem(answer: Answer) -> str | None:
    return None if answer.ok else answer.problem


@router.get("/")
async def home(request: Request) -> Response:
    """The first workspace of the session, or the sign-in page."""
    answer = await api_get(request, f"{API}/workspaces")
    if answer.ok and answer.body.get("items"):
        return RedirectResponse(f"/w/{answer.body['items'][0]['workspace']}/", status_code=303)
    return page(request, "login.html", status=401)


@router.get("/open")
async def open_workspace(request: Request, workspace: str = "") -> Response:
    """The workspace chosen in the header's list (a plain form: works without scripts)."""
    from urllib.parse import quote

    return RedirectResponse(f"/w/{quote(workspace, safe='')}/" if workspace else "/", status_code=303)


async def _common(request: Request, workspace: str) -> dict[str, Any]:
    """What every page's frame shows: the workspaces of the session, the caller's scope."""
    caller = await guard(request, workspace)
    listed = await api_get(request, f"{API}/workspaces")
    names = [item["workspace"] for item in listed.body.get("items", [])] if listed.ok else [workspace]
    return {"workspace": workspace, "workspaces": names, "scope": caller.scope}


@router.get("/w/{workspace}/")
async def overview(request: Request, workspace: str) -> Response:
    """1. What the workspace holds per network over time, imports, the latest runs, what to do next."""
    frame = await _common(request, workspace)
    summary = await api_get(request, api_path(workspace))
    activity = await api_get(request, api_path(workspace, "activity"))
    imports = await api_get(request, api_path(workspace, "imports"))
    runs = {kind: await api_get(request, api_path(workspace, path)) for kind, path in
            (("score", "score-runs"), ("topic", "topic-runs"), ("community", "community-runs"))}
    plans = await api_get(request, api_path(workspace, "plans"), {"limit": 5})
    brands = await api_get(request, api_path(workspace, "brands"))
    jobs = await api_get(request, api_path(workspace, "jobs"), {"limit": 5})
    figure = None
    if activity.ok and activity.body["data"]:
        from einfluence.web.figures import activity_figure

        figure = draw(activity_figure(activity.body["data"], lang=_lang(request)), "activity")
    data = {k: (v.body["data"] if v.ok else []) for k, v in runs.items()}
    stats = summary.body["data"]["stats"] if summary.ok else {}
    score_runs = [r for r in data["score"] if not str(r.get("label") or "").startswith("history:")]
    todo = _next_steps(stats, score_runs, data, plans.body["data"] if plans.ok else [],
                       brands.body["data"] if brands.ok else [])
    return page(request, "overview.html", **frame, charts=figure is not None, summary=summary.body.get("data") if summary.ok else None,
                error=_problem(summary), figure=figure, imports=imports.body["data"] if imports.ok else [],
                score_runs=score_runs[-5:][::-1], topic_runs=data["topic"][-3:][::-1],
                community_runs=data["community"][-3:][::-1], plans=plans.body["data"] if plans.ok else [],
                jobs=jobs.body.get("items", []) if jobs.ok else [], todo=todo,
                history=any(str(r.get("label") or "").startswith("history:") for r in data["score"]))


def _lang(request: Request) -> str:
    from einfluence.web.render import language

    return language(request)


def _next_steps(stats: dict[str, Any], score_runs: list, runs: dict[str, list], plans: list, brands: list) -> list[str]:
    """What to do next, as label keys: import, score, topics, communities, a brand, a plan."""
    steps = []
    if not stats.get("interactions"):
        steps.append("web.todo.import")
    if not score_runs:
        steps.append("web.todo.score")
    if not runs["topic"]:
        steps.append("web.todo.topics")
    if not runs["community"]:
        steps.append("web.todo.communities")
    if not brands:
        steps.append("web.todo.brand")
    if not plans:
        steps.append("web.todo.plan")
    return steps or ["web.todo.done"]
