"""The words einfluence shows people, in English and French.

One catalogue for every interface that speaks to a reader (figures, reports, the dashboard):
:func:`label` gives a key's text in a language, falling back to English and then to the key
itself, so that a missing translation never breaks a page.
"""

from __future__ import annotations

__all__ = ["LANGUAGES", "MESSAGES", "check_lang", "label"]

#: the languages of the interfaces
LANGUAGES: tuple[str, ...] = ("en", "fr")

MESSAGES: dict[str, dict[str, str]] = {
    # scores
    "score": {"en": "score", "fr": "score"},
    "points": {"en": "points", "fr": "points"},
    "rank": {"en": "rank", "fr": "rang"},
    "account": {"en": "account", "fr": "compte"},
    "network": {"en": "network", "fr": "réseau"},
    "component.reach": {"en": "reach", "fr": "audience utile"},
    "component.amplification": {"en": "amplification", "fr": "amplification"},
    "component.depth": {"en": "depth", "fr": "profondeur"},
    "component.impact": {"en": "impact", "fr": "impact réseau"},
    "component.momentum": {"en": "momentum", "fr": "dynamique"},
    "base": {"en": "base", "fr": "base"},
    "ranking.title": {"en": "Influencers by einfluence score", "fr": "Influenceurs par score einfluence"},
    "ranking.x": {"en": "score (points per component)", "fr": "score (points par composante)"},
    "explain.title": {"en": "Why this score", "fr": "Pourquoi ce score"},
    "explain.components": {"en": "points per component", "fr": "points par composante"},
    "explain.daily": {"en": "reactions per day", "fr": "réactions par jour"},
    "reactions": {"en": "reactions", "fr": "réactions"},
    "reactors": {"en": "distinct reactors", "fr": "réacteurs distincts"},
    "day": {"en": "day", "fr": "jour"},
    # trends
    "trends.title": {"en": "Influence over time", "fr": "L'influence dans le temps"},
    "trends.stability": {"en": "rank stability (Kendall τ)", "fr": "stabilité du classement (τ de Kendall)"},
    "trends.rising": {"en": "rising", "fr": "en hausse"},
    "trends.fading": {"en": "fading", "fr": "en baisse"},
    "trends.first": {"en": "first window", "fr": "première fenêtre"},
    "trends.last": {"en": "last window", "fr": "dernière fenêtre"},
    "window_end": {"en": "end of window", "fr": "fin de fenêtre"},
    # campaigns
    "plan.title": {"en": "The same budget, spent four ways", "fr": "Le même budget, dépensé de quatre façons"},
    "plan.reach": {"en": "expected reach in the target (95 % interval)", "fr": "portée attendue dans la cible (intervalle à 95 %)"},
    "plan.per_cost": {"en": "reach per 1,000 spent", "fr": "portée pour 1 000 dépensés"},
    "plan.targeted": {"en": "einfluence plan", "fr": "plan einfluence"},
    "plan.blanket": {"en": "every blogger", "fr": "tous les blogueurs"},
    "plan.top_audience": {"en": "largest audiences", "fr": "plus grandes audiences"},
    "plan.top_score": {"en": "top scores", "fr": "meilleurs scores"},
    "simulate.title": {"en": "Spread of the cascade, step by step", "fr": "Propagation de la cascade, étape par étape"},
    "simulate.step": {"en": "step", "fr": "étape"},
    "simulate.spread": {"en": "accounts reached (mean)", "fr": "comptes atteints (moyenne)"},
    # perception and advocacy
    "perception.title": {"en": "How the brands are perceived", "fr": "Comment les marques sont perçues"},
    "perception.sentiment": {"en": "mean sentiment (95 % interval)", "fr": "sentiment moyen (intervalle à 95 %)"},
    "perception.voice": {"en": "share of voice", "fr": "part de voix"},
    "perception.sentiment_time": {"en": "mean sentiment over time", "fr": "sentiment moyen dans le temps"},
    "perception.mentions_time": {"en": "mentions over time", "fr": "mentions dans le temps"},
    "funnel.title": {"en": "From unaware to advocate", "fr": "De l'ignorance à la recommandation"},
    "stage.unaware": {"en": "unaware", "fr": "ne connaît pas"},
    "stage.aware": {"en": "aware", "fr": "connaît"},
    "stage.engaged": {"en": "engaged", "fr": "engagé"},
    "stage.amplifier": {"en": "amplifier", "fr": "amplificateur"},
    "stage.advocate": {"en": "advocate", "fr": "ambassadeur"},
    "stage.detractor": {"en": "detractor", "fr": "détracteur"},
    "stage.stopped": {"en": "stopped there", "fr": "s'arrête là"},
    # communities
    "communities.title": {"en": "Communities and their leaders", "fr": "Communautés et leurs leaders"},
    "community": {"en": "community", "fr": "communauté"},
    "leader": {"en": "leader", "fr": "leader"},
    "broker": {"en": "broker", "fr": "passeur"},
    "size": {"en": "members", "fr": "membres"},
}


def check_lang(lang: str) -> str:
    """``lang`` if einfluence speaks it; a :class:`~einfluence.exceptions.ParameterError` otherwise."""
    if lang not in LANGUAGES:
        from einfluence.exceptions import ParameterError

        raise ParameterError(f"expected one of {', '.join(LANGUAGES)}, got {lang!r}", parameter="lang")
    return lang


def label(key: str, lang: str = "en") -> str:
    """The text of ``key`` in ``lang`` (English, then the key itself, when missing).

    Examples
    --------
    >>> label("stage.advocate", "fr"), label("stage.advocate"), label("no.such.key", "fr")
    ('ambassadeur', 'advocate', 'no.such.key')
    """
    texts = MESSAGES.get(key)
    if texts is None:
        return key
    return texts.get(lang) or texts.get("en") or key
