"""The kinds of accounts, posts and interactions, and the groups of kinds the analyses share.

Arrays carry kinds as small integer codes: the position of the kind in these tuples
(``INTERACTION_KINDS.index("relay") == 0``). The store writes the same codes.

Direction convention of interactions: ``src`` acted towards ``dst`` (``src`` relayed, replied
to, mentioned, quoted, liked, followed, linked to or subscribed to ``dst``). Attention flows
``src -> dst``; influence flows the other way, ``dst -> src``.
"""

from __future__ import annotations

__all__ = [
    "ACCOUNT_KINDS",
    "AUDIENCE_KINDS",
    "INTERACTION_KINDS",
    "ORIGINAL_POST_KINDS",
    "POST_KINDS",
    "REACTION_KINDS",
]

ACCOUNT_KINDS: tuple[str, ...] = ("person", "brand", "media", "blog", "organisation", "unknown")
POST_KINDS: tuple[str, ...] = ("original", "relay", "reply", "quote", "comment", "blog_post")
INTERACTION_KINDS: tuple[str, ...] = (
    "relay",
    "reply",
    "mention",
    "quote",
    "like",
    "follow",
    "hyperlink",
    "subscription",
)

#: Interaction kinds that are acts of attention of ``src`` towards ``dst``.
REACTION_KINDS: tuple[str, ...] = ("relay", "reply", "mention", "quote", "like", "hyperlink")
#: Interaction kinds that declare ``src`` part of the audience of ``dst``.
AUDIENCE_KINDS: tuple[str, ...] = ("follow", "subscription")
#: Post kinds that carry content of their own (the denominator of per-post rates).
ORIGINAL_POST_KINDS: tuple[str, ...] = ("original", "quote", "reply", "blog_post")
