"""The Python API: a :class:`Workspace` opened on one database file, mirroring the CLI.

The workspace is a thin façade over per-area services, plain functions that receive one
shared :class:`~einfluence.workspace.context.Context` (the open store, the windows read from
it, the names resolved):

* :mod:`~einfluence.workspace.data` — imports, counts, SQL, the demo world;
* :mod:`~einfluence.workspace.scores` — score runs, rankings, explanations, history, evaluation;
* :mod:`~einfluence.workspace.topics` — topics, audiences, leaders, relevance, briefs;
* :mod:`~einfluence.workspace.communities` — communities, their leaders and brokers;
* :mod:`~einfluence.workspace.campaigns` — influence graphs, seeds, simulations, plans;
* :mod:`~einfluence.workspace.perception` — brands, sentiment, mentions, perception;
* :mod:`~einfluence.workspace.advocacy` — actions, the advocacy funnel, campaign outcomes;
* :mod:`~einfluence.workspace.access` — the server's access tokens.

Services load from the store and save to it through :mod:`einfluence.store` and compute
through the analysis packages; they hold no SQL and no algorithm of their own.
"""

from einfluence.workspace.context import Context
from einfluence.workspace.scores import DEFAULT_MIN_TOPIC_WEIGHT, TopicFilter
from einfluence.workspace.workspace import Workspace

__all__ = ["DEFAULT_MIN_TOPIC_WEIGHT", "Context", "TopicFilter", "Workspace"]
