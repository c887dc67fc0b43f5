"""Brand advocacy: the advocacy funnel and campaign outcomes (how each influencer perceives a
brand is :mod:`einfluence.perception.influencers`).

Every function here is pure: arrays (mentions, posts, sentiments, interactions, actions) in,
frozen dataclasses out.

* :mod:`~einfluence.advocacy.funnel`: :func:`advocacy_funnel`: unaware → aware → engaged →
  amplifier → advocate (or detractor), every stage change dated and explained.
* :mod:`~einfluence.advocacy.inputs`: :class:`Actions` (campaign actions) and the brands' own
  accounts, inputs of the funnel and of the outcomes.
* :mod:`~einfluence.advocacy.outcomes`: :func:`campaign_outcomes`: perception, reach and
  funnel conversions of contacted influencers before and after, against matched uncontacted
  ones (difference in differences), and the relay network grown afterwards.
"""

from einfluence.advocacy.funnel import STAGES, Funnel, advocacy_funnel
from einfluence.advocacy.inputs import Actions, brand_account_map
from einfluence.advocacy.outcomes import CampaignOutcomes, campaign_outcomes, relay_network

__all__ = [
    "STAGES",
    "Actions",
    "CampaignOutcomes",
    "Funnel",
    "advocacy_funnel",
    "brand_account_map",
    "campaign_outcomes",
    "relay_network",
]
