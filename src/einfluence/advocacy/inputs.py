"""Inputs shared by the advocacy funnel and the campaign outcomes.

:class:`Actions` holds the campaign actions (who was contacted, for which brand, when, how);
:func:`brand_account_map` maps accounts to the brand that owns them;
:func:`interaction_columns` reads the interactions from a graph view or arrays; :func:`as_actions`
accepts actions as columns.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from einfluence.base.validation import as_int
from einfluence.exceptions import ParameterError
from einfluence.graph import GraphView

__all__ = ["Actions", "as_actions", "brand_account_map", "interaction_columns"]


@dataclass(frozen=True)
class Actions:
    """Campaign actions: who was contacted, for which brand, when, how, in which campaign.

    Parameters
    ----------
    account, brand : array-like of int
        Contacted account and brand index.
    time : array-like of int
        Microseconds since the epoch.
    kind : array-like of str, optional
        ``"gift"``, ``"dm"``, ``"sponsored_post"``... (free text; empty by default).
    campaign : array-like of int, optional
        Campaign index (0 by default).

    Examples
    --------
    >>> a = Actions(account=[3, 4], brand=[0, 0], time=[10, 20], kind=["gift", "dm"])
    >>> len(a), a.campaign.tolist()
    (2, [0, 0])
    """

    account: np.ndarray
    brand: np.ndarray
    time: np.ndarray
    kind: np.ndarray | None = None
    campaign: np.ndarray | None = None

    def __post_init__(self) -> None:
        account = as_int(self.account, "actions.account")
        n = account.size
        for name in ("brand", "time"):
            arr = as_int(getattr(self, name), f"actions.{name}")
            if arr.shape != (n,):
                raise ParameterError(f"actions.{name} must have shape ({n},), got {arr.shape}")
            object.__setattr__(self, name, arr)
        kind = np.full(n, "", dtype=object) if self.kind is None else np.asarray(self.kind, dtype=object)
        campaign = np.zeros(n, np.int64) if self.campaign is None else as_int(self.campaign, "actions.campaign")
        if kind.shape != (n,) or campaign.shape != (n,):
            raise ParameterError(f"actions.kind and actions.campaign must have shape ({n},)")
        object.__setattr__(self, "account", account)
        object.__setattr__(self, "kind", kind)
        object.__setattr__(self, "campaign", campaign)

    def __len__(self) -> int:
        return int(self.account.size)


def as_actions(actions: Actions | Mapping[str, Any] | None) -> Actions:
    """An :class:`Actions` from itself, a mapping of columns, or None (no action)."""
    if actions is None:
        return Actions(np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.int64))
    if isinstance(actions, Actions):
        return actions
    if isinstance(actions, Mapping):
        return Actions(**{k: actions[k] for k in ("account", "brand", "time", "kind", "campaign") if k in actions})
    raise TypeError(f"actions must be an Actions or a mapping of columns, got {type(actions).__name__}")


def interaction_columns(interactions: object) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(src, dst, kind, time) of a GraphView, an InteractionArrays-like object or a mapping."""
    if interactions is None:
        z = np.zeros(0, np.int64)
        return z, z, z.astype(np.int8), z
    if isinstance(interactions, GraphView):
        return interactions.sources(), interactions.indices, interactions.kind, interactions.time
    get = interactions.__getitem__ if isinstance(interactions, Mapping) else lambda k: getattr(interactions, k)
    try:
        src, dst, kind, time = (get(k) for k in ("src", "dst", "kind", "time"))
    except (KeyError, AttributeError):
        raise TypeError("interactions must be a GraphView or have src, dst, kind and time arrays") from None
    src, dst, time = as_int(src, "src"), as_int(dst, "dst"), as_int(time, "time")
    kind = as_int(kind, "kind")
    if not (src.shape == dst.shape == kind.shape == time.shape):
        raise ParameterError("interaction arrays must have the same length")
    return src, dst, kind, time


def brand_account_map(brand_accounts: Sequence[Sequence[int]], n_accounts: int) -> np.ndarray:
    """Brand index of each account (-1 for accounts that belong to no brand).

    Examples
    --------
    >>> brand_account_map([[0], [1, 2]], 4).tolist()
    [0, 1, 1, -1]
    """
    out = np.full(n_accounts, -1, dtype=np.int64)
    for b, ids in enumerate(brand_accounts):
        ids = as_int(np.atleast_1d(np.asarray(ids, dtype=np.int64)), f"brand_accounts[{b}]")
        if ids.size and (ids.min() < 0 or ids.max() >= n_accounts):
            raise ParameterError(f"brand_accounts[{b}] must hold account ids in [0, {n_accounts})")
        if (out[ids] >= 0).any():
            raise ParameterError(f"an account of brand {b} is already declared for another brand")
        out[ids] = b
    return out
