"""Each topic's leaders: the per-topic score runs computed together (the graph, the posts and the
content's topic weights read and resolved once) are the runs one score per topic stores, to the bit."""

from __future__ import annotations

import shutil

import numpy as np
import pytest

from einfluence import Workspace
from einfluence.workspace.scores import TopicFilter


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    path = tmp_path_factory.mktemp("topic-leaders") / "demo.duckdb"
    Workspace.create_demo(path, n_accounts=300, n_days=10, seed=3)
    with Workspace(path) as ws:
        ws.topics(n_topics=4)
    return path


def _stored(ws: Workspace, run_id: int) -> tuple[dict, dict]:
    """A stored run's rows (every column, by account) and its parameters and label."""
    table = ws.rank(run_id, limit=None)
    info = ws.run_info(run_id)
    rows = {c: table.column(c).to_numpy(zero_copy_only=False) for c in table.column_names}
    order = np.argsort(rows["account_id"], kind="stable")
    return ({c: v[order] for c, v in rows.items()},
            {k: info[k] for k in ("params", "label", "since", "until", "networks", "n_scored", "available")
             if k in info})


def test_every_topic_scored_together_is_scored_as_alone(world, tmp_path):
    alone, together = tmp_path / "alone.duckdb", tmp_path / "together.duckdb"
    shutil.copy(world, alone)
    shutil.copy(world, together)
    with Workspace(alone) as ws:
        run = ws.topic_run()
        expected = [ws.score(since=run["since"], until=run["until"], label=f"topic:{run['topic_run_id']}:{t['topic']}",
                             topic=TopicFilter(topic_run=int(run["topic_run_id"]), topic=int(t["topic"]),
                                               min_weight=0.3))[0]
                    for t in run["topics"]]
        old = [_stored(ws, r) for r in expected]
    with Workspace(together) as ws:
        leaders = ws.topic_leaders(k=3)
        new = [_stored(ws, t["score_run"]) for t in leaders]
        assert [t["score_run"] for t in ws.topic_leaders(k=3)] == [t["score_run"] for t in leaders]  # found again
    assert len(new) == len(old) == 4
    for (old_rows, old_info), (new_rows, new_info) in zip(old, new, strict=True):
        assert old_info == new_info
        assert old_rows.keys() == new_rows.keys()
        for column, values in old_rows.items():
            np.testing.assert_array_equal(new_rows[column], values, err_msg=column)
    assert any(len(rows["account_id"]) for rows, _ in new)  # some topic has scored accounts
