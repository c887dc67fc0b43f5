"""The API's request bodies and responses, as pydantic models: the OpenAPI schema is generated from them.

Every result carries ``produced_by`` (:class:`Provenance`): the kind and id of the stored run,
plan or computation that produced it, its window, networks, parameters and einfluence
version. The analyses' own rows (a plan's comparison, a brief's topics...) keep the keys the
Python API and ``--format json`` give them, so the API, the command line and the dashboard
read the same names.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

__all__ = [
    "ActionIn",
    "ActionsIn",
    "BrandIn",
    "CommunitiesIn",
    "ImportPathsIn",
    "JobOut",
    "PlanIn",
    "Problem",
    "Provenance",
    "RankItem",
    "RankPage",
    "ReportIn",
    "Result",
    "ScoreIn",
    "SeedsIn",
    "SentimentIn",
    "SentimentOut",
    "ShortlistAccount",
    "ShortlistIn",
    "SimulateIn",
    "TokenIn",
    "TokenOut",
    "TopicsIn",
    "TrainIn",
    "TrendsIn",
]

Scope = Literal["read", "write", "admin"]
Seed = Field(0, ge=0, le=2**31 - 1, description="Random seed (same seed, same result).")


class Problem(BaseModel):
    """An error (RFC 9457 problem details)."""

    model_config = ConfigDict(extra="allow")
    type: str = "about:blank"
    title: str
    status: int
    detail: str
    field: str | None = Field(None, description="The input at fault, as the API names it.")
    errors: list[dict[str, Any]] | None = None
    instance: str | None = None


class Provenance(BaseModel):
    """What produced a result: the stored run (or plan, or computation), its window and parameters."""

    model_config = ConfigDict(extra="allow")
    kind: str = Field(description="score_run, topic_run, community_run, plan, computation...")
    id: int | None = Field(None, description="The stored run or plan id (None for a computation not stored).")
    since: datetime | None = None
    until: datetime | None = None
    networks: list[str] | None = None
    params: dict[str, Any] = Field(default_factory=dict)
    einfluence_version: str


class Result(BaseModel):
    """A result of the workspace: ``data`` as the Python API returns it, and what produced it."""

    model_config = ConfigDict(extra="allow")
    workspace: str
    produced_by: Provenance
    data: Any


class RankItem(BaseModel):
    """One ranked account: the row of ``einfluence rank --format json``."""

    model_config = ConfigDict(extra="allow")
    rank: int
    account: str
    network: str
    handle: str | None = None
    name: str | None = None
    account_id: int | None = None
    score: float
    index: float | None = None
    relevance: float | None = None


class RankPage(BaseModel):
    """A page of a ranking, best first; ``next_cursor`` fetches the next page (None at the end)."""

    workspace: str
    produced_by: Provenance
    by: Literal["account", "person"] = "account"
    items: list[dict[str, Any]]
    next_cursor: str | None = None


class JobOut(BaseModel):
    """A background job: state, stage and percentage, and its result or error once ended."""

    job_id: int
    workspace: str
    kind: str
    state: Literal["queued", "running", "succeeded", "failed", "cancelled"]
    stage: str | None = None
    stage_key: str | None = Field(None, description="The stage's key in einfluence's catalogue (einfluence.i18n), "
                                                   "to say it in another language.")
    stage_values: dict[str, Any] | None = Field(None, description="The values of the stage's text, by name.")
    stage_done: int | None = None
    stage_total: int | None = None
    unit: str | None = None
    percent: float | None = None
    params: dict[str, Any] = Field(default_factory=dict)
    created_at: datetime | None = None
    started_at: datetime | None = None
    finished_at: datetime | None = None
    result: Any = None
    error: dict[str, Any] | None = None
    cancel_requested: bool = False
    links: dict[str, str] = Field(default_factory=dict)


class TokenIn(BaseModel):
    """A token to create."""

    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1, max_length=200)
    scope: Scope = "read"


class TokenOut(BaseModel):
    """A token as listed (its secret is shown once, at creation, in ``token``)."""

    token_id: int
    key: str
    name: str
    scope: Scope
    created_at: datetime
    revoked_at: datetime | None = None
    token: str | None = Field(None, description="The token itself: shown once, at creation, never again.")


class _Window(BaseModel):
    model_config = ConfigDict(extra="forbid")
    since: datetime | None = Field(None, description="Events at or after this time (ISO 8601, UTC).")
    until: datetime | None = Field(None, description="Events strictly before this time (ISO 8601, UTC).")
    networks: list[str] | None = Field(None, max_length=100, description="Restrict to these networks.")


class ImportPathsIn(BaseModel):
    """An import of files on the server's disk, under a folder the admin allowed (``--allow-path``)."""

    model_config = ConfigDict(extra="forbid")
    format: str = Field(max_length=40)
    paths: list[str] = Field(min_length=1, max_length=1000)
    network: str | None = Field(None, max_length=200)
    directed: bool | None = None
    kind: str | None = Field(None, max_length=40)
    header: bool | None = None
    table: str | None = Field(None, max_length=40)


class ScoreIn(_Window):
    """A score run to compute (``einfluence score``)."""

    half_life: float | None = Field(None, gt=0, le=1e7, description="Half-life of the time decay, hours.")
    label: str | None = Field(None, max_length=200)


class TrendsIn(_Window):
    """Rolling-window scores (``einfluence trends``)."""

    width: float = Field(24.0, gt=0.01, le=1e6)
    step: float | None = Field(None, gt=0, le=1e6)
    top: int = Field(10, ge=1, le=1000)
    burst_quantile: float = Field(0.99, ge=0.5, le=1.0)


class TopicsIn(_Window):
    """A topic run to compute (``einfluence topics``)."""

    n_topics: int | Literal["auto"] = "auto"
    keywords: dict[str, list[str]] | None = Field(None, description="Declared topics: name -> keywords.")
    seed: int = Seed


class CommunitiesIn(_Window):
    """A community run to compute (``einfluence communities``)."""

    kinds: list[str] | None = None
    resolution: float = Field(1.0, ge=0, le=1e6)
    seed: int = Seed


class _Diffusion(_Window):
    model: Literal["ic", "lt"] = "ic"
    kinds: list[str] | None = None
    target: dict[str, float] | list[str] | None = Field(
        None, description="Target accounts (source ids or @handles), or account -> weight.")
    shortlist: str | None = Field(None, min_length=1, max_length=200,
                                  description="Target: the accounts of this saved shortlist.")
    seed: int = Seed


class SeedsIn(_Diffusion):
    """A seed selection (``einfluence seeds``)."""

    k: int = Field(10, ge=1, le=10_000)
    epsilon: float = Field(0.1, gt=0, le=1)
    ell: float = Field(1.0, gt=0, le=10)
    probabilities: str = Field("wc", max_length=40)
    budget: float | None = Field(None, gt=0)
    costs: dict[str, float] | None = Field(None, description="Price list: account -> cost.")
    exclude: list[str] | None = None
    include: list[str] | None = None


class SimulateIn(_Diffusion):
    """A simulation of given seeds (``einfluence simulate``)."""

    accounts: list[str] = Field(min_length=1, max_length=10_000)
    probabilities: str = Field("wc", max_length=40)
    simulations: int = Field(10_000, ge=1, le=1_000_000)


class PlanIn(_Diffusion):
    """A campaign plan (``einfluence plan``)."""

    budget: float | None = Field(None, gt=0)
    k: int | None = Field(None, ge=1, le=10_000)
    message: str | None = Field(None, max_length=10_000)
    topic: str | None = Field(None, max_length=200)
    topic_run: int | None = Field(None, ge=1)
    novelty: float = Field(1.0, ge=0.01, le=1.0)
    community: int | None = Field(None, ge=0)
    audience: str | None = Field(None, max_length=200, description="Target: the audience of this topic.")
    costs: dict[str, float] | None = None
    base_fee: float = Field(50.0, ge=0)
    per_thousand: float = Field(10.0, ge=0)
    blanket_kind: str = Field("blog", max_length=40)
    probabilities: str | None = Field(None, max_length=40)
    simulations: int = Field(2000, ge=100, le=1_000_000)
    epsilon: float = Field(0.2, gt=0, le=1)


class BrandIn(BaseModel):
    """A brand's terms (``einfluence brand add``)."""

    model_config = ConfigDict(extra="forbid")
    aliases: list[str] = Field(default_factory=list, max_length=1000)
    handles: list[str] = Field(default_factory=list, max_length=1000)
    hashtags: list[str] = Field(default_factory=list, max_length=1000)
    products: list[str] = Field(default_factory=list, max_length=1000)
    competitor: bool = False


class MentionsIn(_Window):
    """Brand mentions to find (``einfluence mentions``)."""

    model: str | None = Field(None, max_length=200)


class SentimentIn(BaseModel):
    """Texts to score (``einfluence sentiment``)."""

    model_config = ConfigDict(extra="forbid")
    texts: list[str] = Field(max_length=100_000)
    lang: Literal["en", "fr"] = "en"
    model: str | None = Field(None, max_length=200)


class SentimentOut(BaseModel):
    """Each text's label and score, in order."""

    workspace: str
    produced_by: Provenance
    items: list[dict[str, Any]]


class TrainIn(BaseModel):
    """A sentiment classifier to fit (``einfluence sentiment train``)."""

    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1, max_length=200)
    lang: Literal["en", "fr"] = "en"
    texts: list[str] = Field(min_length=2, max_length=1_000_000)
    labels: list[Literal["negative", "neutral", "positive", "0", "1", "2"]] = Field(min_length=2,
                                                                                     max_length=1_000_000)


class ActionIn(BaseModel):
    """A campaign action towards an influencer (``einfluence actions add``)."""

    model_config = ConfigDict(extra="forbid")
    account: str = Field(min_length=1, max_length=500)
    brand: str = Field(min_length=1, max_length=500)
    kind: str = Field(min_length=1, max_length=40)
    at: datetime
    campaign: str | None = Field(None, max_length=500)
    note: str | None = Field(None, max_length=10_000)


class ActionsIn(BaseModel):
    """Actions logged all or nothing (``einfluence actions import``)."""

    model_config = ConfigDict(extra="forbid")
    actions: list[ActionIn] = Field(min_length=1, max_length=100_000)
    network: str | None = Field(None, max_length=200)


class ActionUpdateIn(BaseModel):
    """New values for a logged action (fields left out keep theirs)."""

    model_config = ConfigDict(extra="forbid")
    kind: str | None = Field(None, min_length=1, max_length=40)
    at: datetime | None = None
    campaign: str | None = Field(None, max_length=500)
    note: str | None = Field(None, max_length=10_000)


class ShortlistAccount(BaseModel):
    """An account of a shortlist: its source id or @handle, and its network."""

    model_config = ConfigDict(extra="ignore")
    account: str = Field(min_length=1, max_length=500)
    network: str | None = Field(None, max_length=200)


class ShortlistIn(BaseModel):
    """A shortlist to save under the name of the path (replacing the one of that name)."""

    model_config = ConfigDict(extra="forbid")
    accounts: list[str | ShortlistAccount] = Field(
        max_length=5000, description="In order: source ids or @handles, or {account, network}.")
    network: str | None = Field(None, max_length=200, description="The network of the accounts given as names.")
    filters: dict[str, Any] | None = Field(None, description="The ranking's filters they were picked from.")

    @field_validator("filters")
    @classmethod
    def _small(cls, value: dict[str, Any] | None) -> dict[str, Any] | None:
        import json

        if value is not None and len(json.dumps(value, default=str)) > 10_000:
            raise ValueError("filters take at most 10,000 characters of JSON")
        return value


class ReportIn(_Window):
    """A report to hand over (``einfluence report``); each kind reads only its own options."""

    kind: Literal["influencers", "profile", "campaign", "brand", "communities"]
    format: Literal["html", "pdf"] = "html"
    lang: Literal["en", "fr"] = "en"
    brand: str | None = Field(None, max_length=200)
    topic: str | None = Field(None, max_length=200)
    community: int | None = Field(None, ge=0)
    query: str | None = Field(None, max_length=1000)
    account: str | None = Field(None, max_length=200)
    plan: int | None = Field(None, ge=1)
    run: int | None = Field(None, ge=1)
    top: int | None = Field(None, ge=1, le=1000, description="Accounts listed (15).")
    simulations: int | None = Field(None, ge=100, le=1_000_000, description="Simulations per expected reach (1000).")
    seed: int | None = Field(None, ge=0, le=2**31 - 1)


class _Opinion(_Window):
    brand: str | None = Field(None, max_length=200, description="A declared brand (default: the first own brand).")
    kinds: list[str] | None = None
    community_run: int | None = Field(None, ge=1, description="The community run (default: the latest).")


class SettleIn(_Opinion):
    """Where perception settles (``einfluence opinion settle``)."""

    model: Literal["fj", "degroot", "hk"] = "fj"
    convert: list[str] | None = Field(None, max_length=10_000, description="These accounts become advocates.")
    susceptibility: float = Field(0.5, ge=0, le=1, description="fj: weight of the others' opinions.")
    epsilon: float = Field(0.3, ge=0, le=2, description="hk: confidence bound.")
    steps: int = Field(100, ge=1, le=100_000, description="degroot and hk: rounds.")
    communities: int = Field(10, ge=0, le=1000, description="Largest communities answered (0: none).")


class TippingIn(_Opinion):
    """The tipping point (``einfluence opinion tipping``)."""

    model: Literal["naming-game", "voter", "q-voter", "majority"] = "naming-game"
    community: int | None = Field(None, ge=0, description="Only the members of this community.")
    by_community: bool = Field(False, description="Also the largest communities, one by one.")
    communities: int = Field(5, ge=1, le=1000, description="Communities with by_community.")
    detractors: bool = Field(False, description="The counter-case: how many detractors sink it.")
    choose: Literal["random", "listened"] = "random"
    undecided: Literal["resist", "split", "mixed"] = "resist"
    max_share: float = Field(0.3, gt=0, le=1, description="Largest share converted.")
    runs: int = Field(40, ge=1, le=100_000, description="Runs per tested share.")
    horizon: int = Field(100, ge=1, le=100_000, description="Sweeps.")
    q: int = Field(2, ge=1, le=1000, description="q-voter: sources that must agree.")
    seed: int = Seed


class ConvertIn(_Opinion):
    """Whom to convert (``einfluence opinion convert``)."""

    k: int = Field(10, ge=1, le=10_000, description="Advocates to choose.")
    community: int | None = Field(None, ge=0, description="Raise this community's mean (default everyone's).")
    susceptibility: float = Field(0.5, ge=0, le=1)
