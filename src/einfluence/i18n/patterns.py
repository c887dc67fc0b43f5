"""The server's descriptions of targets and plans, recognised by their patterns: each pattern with the
catalogue key that says it in another language (the first pattern that matches wins).

The stages of long work and the reasons of import errors are not recognised here: the work writes
them as :class:`~einfluence.i18n.Reason` strings that carry their key and values."""

from __future__ import annotations

import re

__all__ = ["SERVER_TEXTS"]


def _patterns(pairs: tuple[tuple[str, str], ...]) -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(pattern), key) for pattern, key in pairs)


#: the workspace's words for targets and plans (:mod:`einfluence.workspace.campaigns`), English
#: text matched whole, each with the catalogue key that says it in another language
SERVER_TEXTS = _patterns((
    (r"^everyone$", "web.target.everyone"),
    (r"^community (?P<c>\d+)$", "web.target.community"),
    (r"^community (?P<c>\d+) \(community run #(?P<r>\d+)\)$", "web.target.community_run"),
    (r"^audience of topic (?P<t>\d+): (?P<name>.*)$", "web.target.audience"),
    (r"^topic (?P<t>\d+): (?P<name>.*)$", "web.message.topic"),
    (r"^text matching topic (?P<t>\d+): (?P<name>.*)$", "web.message.matching"),
    (r"^shortlist '(?P<name>.*)' \((?P<n>\d+) accounts\)$", "web.target.shortlist"),
    (r"^(?P<n>\d+) accounts$", "web.target.accounts"),
    (r"^accounts of (?P<name>.*)$", "web.target.file"),
    (r"^einfluence plan: (?P<n>\d+) influencers chosen by budgeted IMM$", "web.plan.how.targeted"),
    (r"^every (?P<kind>\S+) account \((?P<n>\d+)\)$", "web.plan.how.blanket"),
    (r"^largest audiences first, within the budget$", "web.plan.how.top_audience"),
    (r"^highest einfluence scores first, within the budget$", "web.plan.how.top_score"),
))
