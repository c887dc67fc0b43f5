"""The campaign report: a stored plan beside the other ways to spend its budget, the chosen
influencers, why the plan beats a blanket send, and — once actions are logged — what followed."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from einfluence.base.progress import NullProgress, Progress
from einfluence.exceptions import InputError
from einfluence.i18n import (
    Reason,
    check_lang,
    code_label,
    colon,
    label,
    number,
    percent,
    server_text,
)
from einfluence.reports._common import account, interval, now, version
from einfluence.reports.document import Facts, Figure, Report, Section, Table, Text

if TYPE_CHECKING:
    from einfluence.workspace import Workspace

__all__ = ["campaign_report"]


def _plan_text(plan: dict[str, Any], lang: str) -> str:
    inputs, selection = plan["inputs"], plan["result"]["selection"]
    graph = plan["result"].get("graph", {})
    epsilon = inputs.get("epsilon")
    return label("report.plan_text", lang).format(
        id=plan["plan_id"], budget=number(inputs.get("budget"), lang), model=inputs.get("model"),
        probabilities=code_label("report.probabilities.", inputs.get("probabilities"), lang),
        arcs=number(graph.get("n_arcs"), lang), method=code_label("report.method.", selection.get("method"), lang),
        epsilon=str(epsilon).replace(".", ",") if lang == "fr" and epsilon is not None else epsilon,
        rr_sets=number(selection.get("rr_sets"), lang),
        simulations=number(inputs.get("n_simulations"), lang), seed=inputs.get("random_state"),
        version=plan.get("einfluence_version", "?"))


def _outcomes(ws: Workspace, brand: str | None, lang: str) -> tuple[list, dict[str, Any] | None]:
    """The outcome blocks of the brand's logged actions (a note when there are none)."""
    candidates = [brand] if brand else [b["name"] for b in ws.brands() if not b["competitor"]]
    for name in candidates:
        if ws.actions(brand=name).num_rows:
            result = ws.campaign_outcomes(name)
            did = Table(
                columns=[label("campaign.measure", lang), label("campaign.estimate", lang), label("report.ci95", lang)],
                rows=[[key, number(v["estimate"], lang, 2),
                       interval(v["ci95"][0], v["ci95"][1], lang, 2)]
                      for key, v in result["difference_in_differences"].items()],
                numeric={1, 2}, caption=f"{result['brand']}{colon(lang)}{label('campaign.did', lang)}",
            )
            people = Table(
                columns=[label("account", lang), label("network", lang), label("campaign.stage_before", lang),
                         label("campaign.stage_after", lang)],
                rows=[[account(r), r["network"], label(f"stage.{r['stage_before']}", lang),
                       label(f"stage.{r['stage_after']}", lang)] for r in result["influencers"]],
            )
            return [did, people], result
    return [Text(label("campaign.no_actions", lang), "note")], None


def campaign_report(
    ws: Workspace,
    *,
    plan_id: int | None = None,
    brand: str | None = None,
    lang: str = "en",
    progress: Progress | None = None,
) -> Report:
    """The report of a stored campaign plan (the latest by default), with the outcomes of the
    actions logged for ``brand`` (by default the first declared own brand with actions)."""
    from einfluence.figures import plan_figure

    check_lang(lang)
    progress = progress or NullProgress()
    plan = ws.plan_info(plan_id, kind="plan")
    if plan.get("kind") != "plan":
        raise InputError(f"stored run #{plan['plan_id']} is a {plan.get('kind')}, not a campaign plan",
                         parameter="plan")
    result = plan["result"]
    rows = {r["plan"]: r for r in result["comparison"]}
    targeted, blanket = rows.get("targeted"), rows.get("blanket")
    plan_text = _plan_text(plan, lang)
    described = result["message"].get("described")  # the workspace's words; the message itself is shown as written
    message = server_text(described, lang) if described else result["message"].get("text") or "–"
    target = result["target"]
    facts = [(label("campaign.budget", lang), number(result["budget"], lang)),
             (label("campaign.spent", lang), number(result["cost"], lang)),
             (label("campaign.contacts", lang), number(len(result["influencers"]), lang))]
    if targeted:
        facts.append((label("campaign.reach", lang),
                      f"{number(targeted['reach'], lang, 1)} ({number(targeted['reach_ci95'][0], lang, 1)} – "
                      f"{number(targeted['reach_ci95'][1], lang, 1)})"))
    summary: list = [Facts(facts),
                     Text(f"{label('campaign.message', lang)}{colon(lang)}{message}"),
                     Text(f"{label('campaign.target', lang)}{colon(lang)}{server_text(target['label'], lang)}"
                          + (f" ({number(target['size'], lang)})" if target.get("size") is not None else ""))]
    if targeted and blanket and targeted.get("reach_per_cost") and blanket.get("reach_per_cost"):
        summary.append(Text(label("campaign.versus", lang).format(
            reach=number(targeted["reach"], lang, 1), low=number(targeted["reach_ci95"][0], lang, 1),
            high=number(targeted["reach_ci95"][1], lang, 1), cost=number(targeted["cost"], lang),
            kind=plan["inputs"].get("blanket_kind", "blog"), contacts=number(blanket["contacts"], lang),
            blanket=number(blanket["reach"], lang, 1), blanket_cost=number(blanket["cost"], lang),
            ratio=number(targeted["reach_per_cost"] / blanket["reach_per_cost"], lang, 1))))
    chosen = Table(
        columns=["#", label("account", lang), label("network", lang), label("report.kind", lang),
                 label("report.followers", lang), label("report.cost", lang), label("campaign.marginal", lang),
                 label("campaign.alone", lang), label("campaign.overlap", lang)],
        rows=[[str(i), account(r), r["network"], code_label("account_kind.", r["kind"], lang), number(r.get("followers"), lang),
               number(r["cost"], lang),
               number(r["marginal_reach"], lang, 1), number(r["standalone_reach"], lang, 1),
               percent(r["overlap"], lang)] for i, r in enumerate(result["influencers"], start=1)],
        numeric={0, 4, 5, 6, 7, 8},
    )
    comparison = Table(
        columns=[label("campaign.plan", lang), label("campaign.description", lang), label("campaign.contacts", lang),
                 label("report.cost", lang), label("campaign.reach", lang), label("report.ci95", lang),
                 label("campaign.per_cost", lang), label("campaign.per_contact", lang)],
        rows=[[label(f"plan.{r['plan']}", lang), server_text(r["description"], lang), number(r["contacts"], lang),
               number(r["cost"], lang) + (" *" if r["over_budget"] else ""), number(r["reach"], lang, 1),
               interval(r["reach_ci95"][0], r["reach_ci95"][1], lang, 1),
               number(1000 * r["reach_per_cost"] if r.get("reach_per_cost") else None, lang, 1),
               number(r.get("reach_per_contact"), lang, 2)] for r in result["comparison"]],
        numeric={2, 3, 4, 5, 6, 7},
    )
    progress.start(Reason("progress.read_outcomes"), None)
    outcome_blocks, outcomes = _outcomes(ws, brand, lang)
    sections = [
        Section(label("report.summary", lang), summary),
        Section(label("campaign.comparison", lang), [
            Figure(plan_figure(result, lang=lang), label("plan.title", lang), f"{label('report.plan', lang)} {plan_text}"),
            comparison,
        ]),
        Section(label("campaign.chosen", lang), [chosen], new_page=True),
        Section(label("campaign.outcomes", lang), outcome_blocks),
        Section(label("report.method", lang), [Text(label("campaign.method", lang), "note")]),
    ]
    return Report(
        kind="campaign", lang=lang, title=label("campaign.title", lang), subtitle=message, since=plan["since"],
        until=plan["until"], networks=plan["networks"], runs=[(label("report.plan", lang), plan_text)],
        sections=sections, version=version, generated_at=now(),
        data={"plan": plan["plan_id"], "inputs": plan["inputs"], "comparison": result["comparison"],
              "influencers": result["influencers"], "outcomes": outcomes},
    )
