import pytest

from einfluence import Workspace
from einfluence.exceptions import InputError
from einfluence.store.plans import get_plan, list_plans, save_plan


def test_plans_round_trip_and_survive_reopening(db_path):
    with Workspace(db_path) as ws:
        with pytest.raises(InputError, match="no plan"):
            get_plan(ws.con)
        first = save_plan(ws.con, kind="seeds", inputs={"k": 5, "model": "ic"}, result={"seeds": ["a", "b"]})
        second = save_plan(ws.con, kind="plan", inputs={"budget": 100.0}, result={"reach": 12.5}, networks=["t"])
    with Workspace(db_path, read_only=True) as ws:
        assert (first, second) == (1, 2)
        assert get_plan(ws.con)["plan_id"] == 2
        latest_seeds = get_plan(ws.con, kind="seeds")
        assert latest_seeds["inputs"] == {"k": 5, "model": "ic"} and latest_seeds["result"]["seeds"] == ["a", "b"]
        assert get_plan(ws.con, 2)["networks"] == ["t"]
        assert [p["kind"] for p in list_plans(ws.con)] == ["seeds", "plan"]
        assert [p["plan_id"] for p in list_plans(ws.con, kind="plan")] == [2]
        with pytest.raises(InputError, match="no plan #9"):
            get_plan(ws.con, 9)


def test_unknown_plan_kind_is_refused(workspace):
    with pytest.raises(ValueError):
        save_plan(workspace.con, kind="guess", inputs={}, result={})
