"""The dashboard's pages: each parses its query, asks the API (:func:`~einfluence.web.calls.api_get`)
and renders a template. Pages live under ``/w/{workspace}/``; ``/`` opens the first workspace
the visitor's session may read, or the sign-in page."""

from __future__ import annotations

import asyncio
from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import RedirectResponse, Response

from einfluence.base.labels import account_reference
from einfluence.server.auth import require
from einfluence.server.problems import Problem
from einfluence.web.calls import API, Answer, api_get, api_path
from einfluence.web.render import drawn, page

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
    """What every page's frame shows: the workspaces of the session, the caller's scope, the span
    of the data (each network's and all of them)."""
    caller = await guard(request, workspace)
    listed, span = await asyncio.gather(api_get(request, f"{API}/workspaces"),
                                        api_get(request, api_path(workspace, "time-span")))
    names = [item["workspace"] for item in listed.body.get("items", [])] if listed.ok else [workspace]
    # the data's own span, shown for a window left open (as the reports do)
    spans = span.body["data"] if span.ok else {}
    return {"workspace": workspace, "workspaces": names, "scope": caller.scope, "spans": spans}


@router.get("/w/{workspace}/")
async def overview(request: Request, workspace: str) -> Response:
    """1. What the workspace holds per network over time, imports, the latest runs, what to do next."""
    frame = await _common(request, workspace)
    summary, activity, imports, score, topic, community, plans, brands, jobs = await asyncio.gather(
        api_get(request, api_path(workspace)), api_get(request, api_path(workspace, "activity")),
        api_get(request, api_path(workspace, "imports")), api_get(request, api_path(workspace, "score-runs")),
        api_get(request, api_path(workspace, "topic-runs")), api_get(request, api_path(workspace, "community-runs")),
        api_get(request, api_path(workspace, "plans"), {"limit": 5}), api_get(request, api_path(workspace, "brands")),
        api_get(request, api_path(workspace, "jobs"), {"limit": 5}))
    runs = {"score": score, "topic": topic, "community": community}
    figure = None
    if activity.ok and activity.body["data"]:
        from einfluence.web.figures import activity_figure

        figure = drawn(activity_figure, activity.body["data"], "activity", _lang(request))
    data = {k: (v.body["data"] if v.ok else []) for k, v in runs.items()}
    stats = summary.body["data"]["stats"] if summary.ok else {}
    # the runs a person asked for (not the windows of a history nor the per-topic runs of leaders)
    score_runs = [r for r in data["score"] if not str(r.get("label") or "").startswith(("history:", "topic:"))]
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


COMPONENTS = ("reach", "amplification", "depth", "impact", "momentum")
RANK_FILTERS = ("since", "until", "network", "topic", "community", "query", "min_reactors", "min_score", "by")


def _rank_params(request: Request) -> dict[str, Any]:
    """The ranking's filters from the page's query, as the API names them (empty ones left out)."""
    q = request.query_params
    params: dict[str, Any] = {k: q.get(k) for k in RANK_FILTERS if q.get(k)}
    if q.getlist("network"):
        params["network"] = [n for n in q.getlist("network") if n]
    return params


async def _choices(request: Request, workspace: str) -> dict[str, Any]:
    """What the filters offer: networks, the latest topic run's topics, the latest community run."""
    summary = await api_get(request, api_path(workspace))
    networks = sorted(summary.body["data"]["stats"].get("networks", {})) if summary.ok else []
    topic_runs = await api_get(request, api_path(workspace, "topic-runs"))
    topics = []
    if topic_runs.ok and topic_runs.body["data"]:
        latest = topic_runs.body["data"][-1]["topic_run_id"]
        run = await api_get(request, api_path(workspace, "topic-runs", str(latest)))
        topics = run.body["data"]["topics"] if run.ok else []
    community_runs = await api_get(request, api_path(workspace, "community-runs"))
    n_communities = community_runs.body["data"][-1]["n_communities"] if community_runs.ok and \
        community_runs.body["data"] else 0
    return {"networks": networks, "topics": topics, "n_communities": n_communities}


def _sparkline(values: list[float | None], width: int = 84, height: int = 22) -> str | None:
    """An SVG polyline of a score over the history windows (None where not scored)."""
    points = [(i, v) for i, v in enumerate(values) if v is not None]
    if len(points) < 2:
        return None
    top = max(v for _, v in points) or 1.0
    step = width / max(len(values) - 1, 1)
    return " ".join(f"{i * step:.1f},{height - 2 - (height - 4) * v / top:.1f}" for i, v in points)


@router.get("/w/{workspace}/influencers")
async def influencers(request: Request, workspace: str) -> Response:
    """2. The leaderboard: every filter of ``rank``, components, trend, pages, CSV, shortlists."""
    frame = await _common(request, workspace)
    params = _rank_params(request)
    limit = request.query_params.get("limit") or "25"
    cursor = request.query_params.get("cursor")
    cursor = None if cursor in ("-", "") else cursor  # "-": the first page, in the back stack
    answer = await api_get(request, api_path(workspace, "rank"), {**params, "limit": limit, "cursor": cursor})
    rows = answer.body["items"] if answer.ok else []
    sparks, trend = {}, {}
    if rows and params.get("by") != "person":
        history = await api_get(request, api_path(workspace, "score-history"),
                                {"account_id": [r["account_id"] for r in rows]})
        if history.ok:
            trend = history.body["data"]["trend"]
            sparks = {a: _sparkline(v) for a, v in history.body["data"]["scores"].items()}
    saved = await api_get(request, api_path(workspace, "shortlists"))
    return page(request, "influencers.html", **frame, **await _choices(request, workspace), params=params,
                shortlists=saved.body["data"] if saved.ok else [],
                rows=rows, answer=answer.body if answer.ok else None,
                computing=answer.body if answer.computing else None, error=_problem(answer) if not answer.computing
                else None, limit=limit, cursor=cursor, back=request.query_params.getlist("back")[-50:],
                sparks=sparks, trend=trend, components=COMPONENTS,
                labels=_labels(request, "web.shortlist.saved", "web.shortlist.empty", "web.problem", "web.job"))


#: the labels of a job followed by a page's script: its state, its stage (by its key: the work
#: writes it as an einfluence.i18n.Reason) and an import error's parts and reasons
_JOB_LABELS = ("web.state.", "progress.", "input.")


def _labels(request: Request, *keys: str) -> dict[str, str]:
    """Labels the page's script shows, in the page's language (and those of the jobs it follows)."""
    from einfluence.i18n import MESSAGES, label

    lang = _lang(request)
    return {key: label(key, lang) for key in (*keys, *(k for k in MESSAGES if k.startswith(_JOB_LABELS)))}


@router.get("/w/{workspace}/influencers.csv")
async def influencers_csv(request: Request, workspace: str) -> Response:
    """The leaderboard with the same filters as CSV (up to 10,000 rows, from the API's pages)."""
    import csv
    import io

    await guard(request, workspace)
    params = _rank_params(request)
    rows: list[dict[str, Any]] = []
    cursor = None
    while len(rows) < 10_000:
        answer = await api_get(request, api_path(workspace, "rank"), {**params, "limit": 1000, "cursor": cursor})
        if not answer.ok:
            return Response(answer.problem, status_code=answer.status if answer.status >= 400 else 409,
                            media_type="text/plain")
        rows += answer.body["items"]
        cursor = answer.body.get("next_cursor")
        if not cursor:
            break
    out = io.StringIO()
    columns = [c for c in (rows[0] if rows else {"rank": 0}) if not isinstance(rows[0][c] if rows else 0, list | dict)]
    writer = csv.DictWriter(out, columns, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _csv_cell(row.get(k)) for k in columns})
    name = f"{workspace}-influencers.csv".replace('"', "")
    return Response(out.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


def _csv_cell(value: Any) -> Any:
    """A cell safe to open in a spreadsheet (a text starting with = + - @ is not run as a formula)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


@router.get("/w/{workspace}/accounts/{account}")
async def profile(request: Request, workspace: str, account: str) -> Response:
    """3. An influencer: score and components, trend, reactors and posts, topics, community and
    role, ego network, brand perception, funnel history, actions, and a form to log one."""
    from einfluence import figures
    from einfluence.web.figures import ego_figure

    frame = await _common(request, workspace)
    lang = _lang(request)
    network = request.query_params.get("network") or None
    answer = await api_get(request, api_path(workspace, "accounts", account, "profile"),
                           {"network": network, "reactors": 12, "posts": 5})
    if not answer.ok:
        return page(request, "profile.html", **frame, error=answer.problem, e=None, status=answer.status
                    if answer.status >= 400 else 200)
    e = answer.body["data"]
    context, brand_rows, actions, brands = await asyncio.gather(
        api_get(request, api_path(workspace, "accounts", account, "context"), {"network": e["network"]}),
        api_get(request, api_path(workspace, "accounts", account, "brands"), {"network": e["network"]}),
        api_get(request, api_path(workspace, "actions")),
        api_get(request, api_path(workspace, "brands")))
    me = (str(e["account"]), e["network"])
    mine = brand_rows.body["data"]["perception"] if brand_rows.ok else []
    events = brand_rows.body["data"]["events"] if brand_rows.ok else []
    logged = [a for a in (actions.body["data"] if actions.ok else []) if (str(a["account"]), a["network"]) == me]
    shown = {"components": drawn(figures.explanation_figure, e, "components", lang),
             "ego": drawn(ego_figure, e, "ego", lang) if e.get("top_reactors") else None,
             "history": drawn(figures.score_history_figure, e, "history", lang) if e.get("history") else None}
    from einfluence.store.mentions import ACTION_KINDS

    pending = [a.body for a in (context, brand_rows) if a.computing]
    return page(request, "profile.html", **frame, charts=True, e=e, produced_by=answer.body["produced_by"],
                computing=pending[0] if pending else None, brands_computing=brand_rows.computing,
                context=context.body["data"] if context.ok else None, perception=mine, events=events,
                actions=logged, brands=brands.body["data"] if brands.ok else [], figures=shown,
                action_kinds=ACTION_KINDS, components=COMPONENTS,
                labels=_labels(request, "web.problem", "web.job", "web.action.logged"))


#: accounts drawn on the map at most (beyond, the map shows the most influential ones and the
#: communities view aggregates them)
MAP_LIMIT = 20_000


@router.get("/w/{workspace}/communities")
async def communities_page(request: Request, workspace: str) -> Response:
    """4. The network map (WebGL, drawn from the API's map) and the community table."""
    frame = await _common(request, workspace)
    runs = await api_get(request, api_path(workspace, "community-runs"))
    items = runs.body["data"] if runs.ok else []
    if not items:
        return page(request, "communities.html", **frame, run=None, report=None, error=_problem(runs))
    asked = request.query_params.get("run")
    run = int(asked) if asked and asked.isdigit() else items[-1]["community_run_id"]
    try:
        accounts = min(max(int(request.query_params.get("accounts") or 2000), 10), MAP_LIMIT)
    except ValueError:
        accounts = 2000
    report = await api_get(request, api_path(workspace, "community-runs", str(run), "report"),
                           {"k": 5, "communities": 30})
    return page(request, "communities.html", **frame, run=run, runs=items, accounts=accounts,
                report=report.body if report.ok else None, computing=report.body if report.computing else None,
                error=None if report.ok or report.computing else report.problem, map_limit=MAP_LIMIT,
                labels=_labels(request, "leader", "broker", "community", "score", "size", "web.map.loading",
                               "web.map.drawn", "web.problem", "web.map.rows", "web.computing",
                               "web.stage.community map"),
                map_url=api_path(workspace, "community-runs", str(run), "map") + f"?max_accounts={accounts}&format=columns&wait=2")


@router.get("/w/{workspace}/topics")
async def topics_page(request: Request, workspace: str) -> Response:
    """5. Topics with their terms and on-topic leaders, what is rising, and a content brief for a
    target: a community, a topic's audience or a shortlist (accounts)."""
    frame = await _common(request, workspace)
    runs = await api_get(request, api_path(workspace, "topic-runs"))
    items = runs.body["data"] if runs.ok else []
    q = request.query_params
    target = q.get("target") or ""
    brief_params: dict[str, Any] = {"k": 10}
    if target.startswith("community:"):
        brief_params["community"] = target.split(":", 1)[1]
    elif target.startswith("topic:"):
        brief_params["topic"] = target.split(":", 1)[1]
    accounts = [a for a in q.getlist("account") if a]
    if accounts:
        brief_params["account"] = accounts
    shortlist = q.get("shortlist") or ""
    if shortlist:  # a saved shortlist is the target (the list above is then not used)
        brief_params = {"k": 10, "shortlist": shortlist}
    run = leaders = None
    if items:
        latest = items[-1]["topic_run_id"]
        run_answer = await api_get(request, api_path(workspace, "topic-runs", str(latest)))
        run = run_answer.body["data"] if run_answer.ok else None
        leaders = await api_get(request, api_path(workspace, "topic-runs", str(latest), "leaders"), {"k": 5})
    brief = None
    if target or accounts or shortlist:
        brief = await api_get(request, api_path(workspace, "brief"), brief_params)
    choices = await _choices(request, workspace)
    saved = await api_get(request, api_path(workspace, "shortlists"))
    computing = next((a.body for a in (leaders, brief) if a is not None and a.computing), None)
    problems = [a.problem for a in (leaders, brief) if a is not None and not a.ok and not a.computing]
    return page(request, "topics.html", **frame, **choices, run=run,
                leaders=leaders.body["data"] if leaders is not None and leaders.ok else [],
                brief=brief.body if brief is not None and brief.ok else None, target=target, accounts=accounts,
                shortlist=shortlist, shortlists=saved.body["data"] if saved.ok else [],
                computing=computing, error="; ".join(problems) or _problem(runs),
                labels=_labels(request, "web.brief.use"))


@router.get("/w/{workspace}/campaigns")
async def campaigns_page(request: Request, workspace: str) -> Response:
    """6. The campaign planner: a form that runs ``POST /plans`` as a job (progress bar), then the
    plan beside the top-audience, top-score and blanket plans, its influencers, and the stored
    plans to compare and export."""
    from einfluence import figures

    frame = await _common(request, workspace)
    lang = _lang(request)
    q = request.query_params
    plans = await api_get(request, api_path(workspace, "plans"), {"kind": "plan", "limit": 50})
    listed = plans.body["data"] if plans.ok else []
    chosen = q.get("plan") or (str(listed[0]["plan_id"]) if listed else None)
    shown = figure = None
    if chosen and chosen.isdigit():
        answer = await api_get(request, api_path(workspace, "plans", chosen))
        if answer.ok and answer.body["data"]["kind"] == "plan":
            shown = answer.body
            figure = drawn(figures.plan_figure, shown["data"]["result"], "plan", lang)
    compare_ids = [i for i in q.getlist("compare") if i.isdigit()][:20]
    compared = None
    if len(compare_ids) >= 2:
        answer = await api_get(request, api_path(workspace, "plans", "compare"), {"ids": compare_ids})
        compared = answer.body["data"] if answer.ok else None
    brands = await api_get(request, api_path(workspace, "brands"))
    choices = await _choices(request, workspace)
    summary = await api_get(request, api_path(workspace))
    kinds = sorted(summary.body["data"]["stats"].get("accounts_by_kind", {})) if summary.ok else []
    saved = await api_get(request, api_path(workspace, "shortlists"))
    return page(request, "campaigns.html", **frame, **choices, charts=figure is not None, plans=listed,
                shortlists=saved.body["data"] if saved.ok else [],
                shown=shown, figure=figure, compared=compared, compare_ids=compare_ids,
                brands=brands.body["data"] if brands.ok else [], kinds=kinds, error=_problem(plans),
                labels=_labels(request, "web.problem", "web.job", "web.plan.costs_bad"))


@router.get("/w/{workspace}/plans/{plan}.csv")
async def plan_csv(request: Request, workspace: str, plan: int) -> Response:
    """A stored plan's influencers (cost, reach added, alone, overlap) and its comparison as CSV."""
    import csv
    import io

    await guard(request, workspace)
    answer = await api_get(request, api_path(workspace, "plans", str(plan)))
    if not answer.ok:
        return Response(answer.problem, status_code=answer.status if answer.status >= 400 else 409,
                        media_type="text/plain")
    result = answer.body["data"]["result"]
    out = io.StringIO()
    writer = csv.writer(out)
    rows = result.get("influencers", [])
    columns = [c for c in (rows[0] if rows else {}) if not isinstance(rows[0][c], list | dict)]
    writer.writerow(["influencers", *columns])
    for row in rows:
        writer.writerow(["", *(_csv_cell(row.get(c)) for c in columns)])
    writer.writerow([])
    keys = ("plan", "description", "contacts", "cost", "reach", "reach_per_cost", "reach_per_contact")
    writer.writerow(["comparison", *keys, "reach_low", "reach_high"])
    for row in result.get("comparison", []):
        low, high = (row.get("reach_ci95") or [None, None])[:2]
        writer.writerow(["", *(_csv_cell(row.get(k)) for k in keys), low, high])
    return Response(out.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="plan-{plan}.csv"'})


@router.get("/w/{workspace}/brands")
async def brands_page(request: Request, workspace: str) -> Response:
    """7. A brand: perception over time and share of voice against the competitors, the advocacy
    funnel as a Sankey, advocates and detractors with their evidence, campaign outcomes
    (before/after, difference in differences with its interval)."""
    from einfluence import figures

    frame = await _common(request, workspace)
    lang = _lang(request)
    declared = await api_get(request, api_path(workspace, "brands"))
    brands = declared.body["data"] if declared.ok else []
    if not brands:
        return page(request, "brands.html", **frame, brands=[], brand=None, error=_problem(declared))
    own = [b["name"] for b in brands if not b["competitor"]] or [brands[0]["name"]]
    brand = request.query_params.get("brand") or own[0]
    perception = await api_get(request, api_path(workspace, "perception"), {"limit": 20, "periods": 8})
    funnel = await api_get(request, api_path(workspace, "advocates"), {"brand": brand, "limit": 20})
    outcomes = await api_get(request, api_path(workspace, "outcomes"), {"brand": brand})
    shown: dict[str, Any] = {}
    if perception.ok:
        shown["perception"] = drawn(figures.perception_figure, _timelines(perception.body["data"]), "perception", lang)
    mine = None
    if funnel.ok:
        mine = next((b for b in funnel.body["data"]["brands"] if b["brand"] == brand), None)
        if mine is not None:
            shown["funnel"] = drawn(figures.funnel_figure, mine, "funnel", lang)
    problems = [a.problem for a in (perception, funnel) if not a.ok]
    return page(request, "brands.html", **frame, charts=True, brands=brands, brand=brand, figures=shown,
                perception=perception.body["data"] if perception.ok else None, funnel=mine,
                rules=funnel.body["data"]["rules"] if funnel.ok else None,
                outcomes=outcomes.body["data"] if outcomes.ok else None,
                outcomes_problem=None if outcomes.ok else outcomes.problem, error="; ".join(problems) or None)


#: the questions of the Opinion page, as the API's endpoints (``opinion/{question}``) name them
OPINION_QUESTIONS = ("settle", "tipping", "convert")


def _analysis(plan: dict[str, Any]) -> str:
    """The question a stored simulation plan answers (``tipping``...), or "" for another simulation."""
    name = str((plan.get("inputs") or {}).get("analysis") or "")
    return name.removeprefix("opinion ") if name.startswith("opinion ") else ""


def _converts(result: dict[str, Any] | None) -> list[str]:
    """The accounts of an answer as the settle form takes them back: ``@handle``, else the source
    id (:func:`~einfluence.base.labels.account_reference`; a name would not be found)."""
    rows = (result or {}).get("accounts") or ((result or {}).get("greedy") or {}).get("accounts") or []
    return [account_reference(r) for r in rows]


@router.get("/w/{workspace}/opinion")
async def opinion_page(request: Request, workspace: str) -> Response:
    """8. Opinion dynamics (issue #16): a form that runs ``POST opinion/{question}`` as a job, then
    where opinion settles, the tipping point and whom to convert (each the stored answer chosen
    by ``?settle=``, ``?tipping=``, ``?convert=``, else the newest), and the past answers."""
    from einfluence import figures
    from einfluence.i18n import label

    frame = await _common(request, workspace)
    lang = _lang(request)
    q = request.query_params
    before = q.get("before") if (q.get("before") or "").isdigit() else None
    listed, declared, community_runs = await asyncio.gather(
        api_get(request, api_path(workspace, "plans"), {"kind": "simulation", "limit": 200, "before": before}),
        api_get(request, api_path(workspace, "brands")), api_get(request, api_path(workspace, "community-runs")))
    runs = [p for p in (listed.body["data"] if listed.ok else []) if _analysis(p)]
    chosen: dict[str, str] = {}
    for question in OPINION_QUESTIONS:
        asked = q.get(question) or ""
        # by default the newest answer (for the tipping point, the newest for the brand, not a counter-case)
        newest = next((str(p["plan_id"]) for p in sorted(runs, key=lambda p: p["inputs"].get("side") == "b")
                       if _analysis(p) == question), None)
        if asked.isdigit() or newest:
            chosen[question] = asked if asked.isdigit() else str(newest)
    answers = await asyncio.gather(*(api_get(request, api_path(workspace, "plans", i)) for i in chosen.values()))
    shown: dict[str, Any] = {}
    problems = [a.problem for a in (listed, declared, community_runs) if not a.ok]
    for (question, plan_id), answer in zip(chosen.items(), answers, strict=True):
        if answer.ok and _analysis(answer.body["data"]) == question:
            shown[question] = answer.body
        else:
            problems.append(answer.problem if not answer.ok else label("opinion.wrong_plan", lang).format(id=plan_id))
    # the counter-case of "whom to convert": the newest detractors' tipping point of its brand and population
    counter = None
    if "convert" in shown:
        inputs = shown["convert"]["data"]["inputs"]
        match = next((p for p in runs if _analysis(p) == "tipping" and p["inputs"].get("side") == "b"
                      and p["inputs"].get("brand") == inputs.get("brand")
                      and p["inputs"].get("community") == inputs.get("community")), None)
        if match is not None:
            found = await api_get(request, api_path(workspace, "plans", str(match["plan_id"])))
            counter = found.body["data"] if found.ok else None
    drawn_figures = {question: drawn(getattr(figures, f"{question}_figure"), shown[question]["data"]["result"],
                                     f"{question}-figure", lang) for question in shown}
    brands = declared.body["data"] if declared.ok else []
    latest_run = community_runs.body["data"][-1] if community_runs.ok and community_runs.body["data"] else None
    use = q.get("use") if q.get("use") in ("tipping", "convert") else None
    prefill = _converts(shown[use]["data"]["result"]) if use in shown else []
    question = "settle" if prefill else (q.get("question") if q.get("question") in OPINION_QUESTIONS else "tipping")
    own = [b["name"] for b in brands if not b["competitor"]]
    brand = (shown[use]["data"]["result"].get("brand") if prefill else None) or (own[0] if own else None)
    return page(request, "opinion.html", **frame, charts=bool(drawn_figures), shown=shown, figures=drawn_figures,
                runs=runs, chosen=chosen, counter=counter, brands=brands, brand=brand, question=question,
                prefill=prefill, community_run=latest_run, questions=OPINION_QUESTIONS,
                next_before=listed.body.get("next_before") if listed.ok else None, before=before,
                error="; ".join(problems) or None, labels=_labels(request, "web.problem", "web.job"))


@router.get("/w/{workspace}/imports")
async def imports_page(request: Request, workspace: str) -> Response:
    """9. Imports and jobs: upload files with a format (an API job with a progress bar); the jobs
    with their state, stage, percentage and errors (file, line and field, as the importer says)."""
    from einfluence.io.formats import FORMATS

    frame = await _common(request, workspace)
    jobs = await api_get(request, api_path(workspace, "jobs"), {"limit": 30})
    imports = await api_get(request, api_path(workspace, "imports"))
    return page(request, "imports.html", **frame, formats=sorted(FORMATS), jobs=jobs.body.get("items", [])
                if jobs.ok else [], imports=imports.body["data"] if imports.ok else [], error=_problem(jobs),
                labels=_labels(request, "web.problem", "web.job", "web.import.done"))


def _timelines(perception: dict[str, Any]) -> dict[str, Any]:
    """The API's perception with each brand's timeline dates parsed back from their ISO text (the
    figure builders take the workspace's results, whose dates are datetimes)."""
    from datetime import datetime

    def parsed(period: dict[str, Any]) -> dict[str, Any]:
        return {**period, "from": datetime.fromisoformat(period["from"]), "to": datetime.fromisoformat(period["to"])}

    return {**perception, "brands": [{**b, "timeline": [parsed(p) for p in b["timeline"]]} if b.get("timeline")
                                     else b for b in perception.get("brands", [])]}
