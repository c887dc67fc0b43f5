"""A workspace on an einfluence server, for ``einfluence --server URL --token T COMMAND``.

:class:`RemoteWorkspace` answers the :class:`~einfluence.Workspace` methods of the read commands
(``rank``, ``stats``, ``explain``) by asking the server's REST API, and gives back what the
workspace gives: the same dicts, an Arrow table for a ranking, date-times as ``datetime``. The
command then renders them as it renders a local file's, so the output is the same. Any other
workspace method is refused with one line naming ``--server`` before anything is sent.

It uses the standard library's HTTP client (no dependency) with the token as a Bearer header;
the server's problem details become :class:`~einfluence.exceptions.InputError` naming the
parameter at fault, a server that cannot be reached a :class:`~einfluence.exceptions.StoreError`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

from einfluence.exceptions import EinfluenceError, InputError, StoreError

__all__ = ["REMOTE_COMMANDS", "RemoteWorkspace"]

#: the commands that run against a server
REMOTE_COMMANDS = ("rank", "stats", "explain")

_ISO_UTC = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$")


def _revive(value: Any) -> Any:
    """The API's JSON as the workspace returns it: ISO 8601 UTC strings back to naive ``datetime``."""
    if isinstance(value, str) and _ISO_UTC.match(value):
        return datetime.fromisoformat(value[:-1])
    if isinstance(value, list):
        return [_revive(v) for v in value]
    if isinstance(value, dict):
        return {k: _revive(v) for k, v in value.items()}
    return value


def _iso(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def _no_calibration(calibration: int | str | None) -> None:
    """A calibration is not served yet: say so rather than rank by the default weights."""
    if calibration is not None:
        raise InputError("calibration: a server does not rank with a calibration yet; use the database file",
                         parameter="calibration")


class RemoteWorkspace:
    """The workspace ``name`` of the server at ``url``, as far as the read commands use it.

    Parameters
    ----------
    url : str
        The server, ``http://127.0.0.1:8000`` (what ``einfluence serve`` prints).
    token : str
        A token of the workspace (read scope is enough).
    name : str, optional
        The workspace; by default the only one the token opens.
    timeout : float
        Seconds to wait for an answer (a ranking of a new window is computed first).
    """

    def __init__(self, url: str, token: str, name: str | None = None, *, timeout: float = 600.0) -> None:
        self.url = url
        self.token = token
        self.name = name
        self.timeout = timeout

    # ----------------------------------------------------------------------------- plumbing

    def __enter__(self) -> RemoteWorkspace:
        parts = urlsplit(self.url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise InputError(f"not an http(s) URL: {self.url!r}", parameter="server")
        if not self.token:
            raise InputError("a token is needed (--token, or EINFLUENCE_TOKEN)", parameter="token")
        opens = [w["workspace"] for w in self._get("/api/v1/workspaces")["items"]]
        if self.name is None:
            if len(opens) != 1:
                raise InputError(f"this token opens {len(opens)} workspaces ({', '.join(opens)}): name one with "
                                 "--db NAME", parameter="db")
            self.name = opens[0]
        elif self.name not in opens:
            raise InputError(f"this token does not open a workspace {self.name!r} on {self.url} (it opens: "
                             f"{', '.join(opens) or 'none'})", parameter="db")
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def close(self) -> None:
        """Nothing to release (each request is its own connection)."""

    def __getattr__(self, method: str) -> Any:
        if method.startswith("_"):
            raise AttributeError(method)
        raise InputError(f"this command does not run against a server (those that do: {', '.join(REMOTE_COMMANDS)}); "
                         "run it on the database file", parameter="server")

    def _get(self, path: str, params: Mapping[str, Any] | None = None) -> Any:
        import urllib.error
        import urllib.request

        query = urlencode([(k, v) for k, v in (params or {}).items() if v is not None and not isinstance(v, list)]
                          + [(k, x) for k, v in (params or {}).items() if isinstance(v, list) for x in v])
        request = urllib.request.Request(self.url.rstrip("/") + path + (f"?{query}" if query else ""),
                                         headers={"Authorization": f"Bearer {self.token}",
                                                  "Accept": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                body = json.loads(response.read())
                status = response.status
        except urllib.error.HTTPError as exc:
            raise self._problem(exc) from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise StoreError(f"cannot reach the server {self.url}: {reason}") from None
        if status == 202:  # a run is still being computed: the server said how to follow it
            raise StoreError(f"the server is still computing this (job #{body.get('job_id')}): retry shortly")
        return body

    def _problem(self, exc: Any) -> EinfluenceError:
        try:
            problem = json.loads(exc.read())
        except (ValueError, OSError):
            problem = {}
        detail = str(problem.get("detail") or exc.reason)
        if exc.code == 401:
            return InputError(f"the server refused the token ({detail})", parameter="token")
        if exc.code in (503, 500):
            return StoreError(f"the server could not answer: {detail}")
        return InputError(detail, parameter=problem.get("field"))

    def _workspace(self, tail: str = "") -> str:
        return f"/api/v1/workspaces/{quote(str(self.name), safe='')}{tail}"

    # ------------------------------------------------------------------ workspace methods

    def stats(self, by_day: bool = False) -> dict[str, Any]:
        """:meth:`einfluence.Workspace.stats`."""
        return _revive(self._get(self._workspace("/stats"), {"by_day": str(bool(by_day)).lower()})["data"])

    def explain(self, account: str, *, networks: Sequence[str] | None = None, run_id: int | None = None,
                calibration: int | str | None = None, n_reactors: int = 10, n_posts: int = 5) -> Any:
        """:meth:`einfluence.Workspace.explain` (the profile endpoint)."""
        from einfluence.workspace.results import Result

        _no_calibration(calibration)
        data = self._get(self._workspace(f"/accounts/{quote(account, safe='')}/profile"),
                         {"network": list(networks or []), "run": run_id, "reactors": n_reactors, "posts": n_posts})
        return Result("explanation", _revive(data["data"]))

    def _rank(self, limit: int | None, **params: Any) -> tuple[list[dict[str, Any]], dict[str, Any]]:
        """Every row up to ``limit`` (None: all), following the cursor; and what produced them."""
        rows: list[dict[str, Any]] = []
        cursor, produced = None, None
        while True:
            page_size = 1000 if limit is None else min(1000, limit - len(rows))
            page = self._get(self._workspace("/rank"), {**params, "limit": page_size, "cursor": cursor})
            rows += page["items"]
            produced, cursor = produced or page["produced_by"], page["next_cursor"]
            if cursor is None or (limit is not None and len(rows) >= limit):
                return rows, produced

    def shortlist(self, *, topic: str | int | None = None, topic_run: int | None = None,
                  community: int | None = None, query: str | None = None, brand: str | None = None,
                  since: datetime | None = None, until: datetime | None = None,
                  networks: Sequence[str] | None = None, params: Mapping[str, Any] | None = None,
                  run_id: int | None = None, limit: int | None = 20, min_score: float | None = None,
                  min_reactors: float | None = None, calibration: int | str | None = None,
                  progress: Any = None) -> dict[str, Any]:
        """:meth:`einfluence.Workspace.shortlist` (the rank endpoint, every page up to ``limit``)."""
        import pyarrow as pa

        _no_calibration(calibration)
        rows, produced = self._rank(
            limit, topic=None if topic is None else str(topic), topic_run=topic_run, community=community,
            query=query, brand=brand, since=_iso(since), until=_iso(until), network=list(networks or []),
            half_life=(params or {}).get("half_life_hours"), run=run_id, min_score=min_score,
            min_reactors=min_reactors)
        title = "einfluence ranking"
        about = produced.get("topic")
        if about is not None:
            title += f" on topic {about['topic']} ({about['name']})"
        members = produced.get("community")
        if members is not None:
            title += f" in community {members['community']} (community run #{members['community_run']})"
        if query is not None:
            title += f" relevant to {query!r}"
        if produced.get("brand") is not None:
            title += f" talking about {produced['brand']}"
        return {"run": produced["id"], "topic": about, "community": members, "query": query,
                "brand": produced.get("brand"), "title": f"{title} (run #{produced['id']})",
                "rows": pa.Table.from_pylist(_revive(rows))}

    def score_run_for(self, *, since: datetime | None = None, until: datetime | None = None,
                      networks: Sequence[str] | None = None, params: Mapping[str, Any] | None = None,
                      progress: Any = None, calibration: int | str | None = None, **_: Any) -> int:
        """:meth:`einfluence.Workspace.score_run_for`: the window's run (found or computed by the server)."""
        _no_calibration(calibration)
        _, produced = self._rank(1, since=_iso(since), until=_iso(until), network=list(networks or []),
                                 half_life=(params or {}).get("half_life_hours"))
        return int(produced["id"])

    def rank_persons(self, run_id: int, limit: int | None = 20) -> list[dict[str, Any]]:
        """:meth:`einfluence.Workspace.rank_persons`."""
        rows, _ = self._rank(limit, by="person", run=run_id)
        return _revive(rows)
