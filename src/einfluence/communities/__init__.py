"""Communities of the interaction graph (Leiden), their leaders and the brokers between them.

Every function here is pure: graph views and arrays in, arrays or frozen dataclasses out.

* :mod:`~einfluence.communities.leiden`: the undirected weighted community graph and its
  Leiden partition (:func:`leiden_communities`), computed by graspologic-native (MIT) or, with
  the optional extra ``einfluence[igraph]``, by python-igraph (GPL); importing this package
  imports neither.
* :mod:`~einfluence.communities.propagation`: label propagation (:func:`label_propagation`),
  seeded so that its distributed twin on Spark gives the same labels.
* :mod:`~einfluence.communities.roles`: leaders inside each community, brokers between them,
  per-community summaries.
* :mod:`~einfluence.communities.quality`: agreement with known groups (NMI, ARI, two-class
  accuracy) and modularity.
"""

from einfluence.communities.leiden import CommunityPartition, community_graph, leiden_communities
from einfluence.communities.map import CommunityMap, community_map
from einfluence.communities.propagation import label_propagation
from einfluence.communities.quality import (
    adjusted_rand,
    normalized_mutual_info,
    partition_modularity,
    two_largest_accuracy,
)
from einfluence.communities.roles import (
    LEADER_KINDS,
    Brokerage,
    brokers,
    community_leaders,
    community_summary,
    internal_reach,
    leader_kinds,
)

__all__ = [
    "LEADER_KINDS",
    "Brokerage",
    "CommunityMap",
    "CommunityPartition",
    "adjusted_rand",
    "brokers",
    "community_graph",
    "community_leaders",
    "community_map",
    "community_summary",
    "internal_reach",
    "label_propagation",
    "leader_kinds",
    "leiden_communities",
    "normalized_mutual_info",
    "partition_modularity",
    "two_largest_accuracy",
]
