"""The catalogue's words for evidence: why an account reached a stage of a brand's advocacy
funnel (:mod:`einfluence.advocacy.funnel`), written as :class:`~einfluence.i18n.Reason` texts
(``n`` and ``n_...`` are counts, ``s_...`` signed sentiments, the other values ids as the data
holds them, or words said in the same language)."""

from __future__ import annotations

#: key -> {language: text}
WORDS: dict[str, dict[str, str]] = {
    "funnel.evidence.aware": {
        "en": "first mention of the brand in post {post} ({n} mentions in all)",
        "fr": "première mention de la marque dans le message {post} ({n} mentions en tout)"},
    "funnel.evidence.aware_one": {
        "en": "first mention of the brand in post {post} ({n} mention in all)",
        "fr": "première mention de la marque dans le message {post} ({n} mention en tout)"},
    "funnel.evidence.engaged": {
        "en": "{kind} towards brand account {account} (t={t}; {n} interactions with the brand's accounts)",
        "fr": "{kind} envers le compte de la marque {account} (t={t}\u00a0; {n} interactions avec les comptes de "
              "la marque)"},
    "funnel.evidence.engaged_one": {
        "en": "{kind} towards brand account {account} (t={t}; {n} interaction with the brand's accounts)",
        "fr": "{kind} envers le compte de la marque {account} (t={t}\u00a0; {n} interaction avec les comptes de "
              "la marque)"},
    "funnel.evidence.engaged_untimed": {
        "en": "{kind} towards brand account {account} (time unknown; {n} interactions with the brand's accounts)",
        "fr": "{kind} envers le compte de la marque {account} (date inconnue\u00a0; {n} interactions avec les "
              "comptes de la marque)"},
    "funnel.evidence.engaged_untimed_one": {
        "en": "{kind} towards brand account {account} (time unknown; {n} interaction with the brand's accounts)",
        "fr": "{kind} envers le compte de la marque {account} (date inconnue\u00a0; {n} interaction avec les "
              "comptes de la marque)"},
    "funnel.evidence.amplifier": {
        "en": "{kind} {post} of a post by brand account {account} ({n} relays or quotes of brand posts)",
        "fr": "{kind} {post} d'un message du compte de la marque {account} ({n} relais ou citations de messages "
              "de la marque)"},
    "funnel.evidence.amplifier_one": {
        "en": "{kind} {post} of a post by brand account {account} ({n} relay or quotes of brand posts)",
        "fr": "{kind} {post} d'un message du compte de la marque {account} ({n} relais ou citation de messages "
              "de la marque)"},
    "funnel.evidence.advocate": {
        "en": "{n} positive spontaneous original mentions (posts {posts}), mean sentiment {s_mean} over "
              "{n_over}{prompted}",
        "fr": "{n} mentions originales spontanées positives (messages {posts}), sentiment moyen {s_mean} sur "
              "{n_over}{prompted}"},
    "funnel.evidence.detractor": {
        "en": "{n} negative spontaneous original mentions (posts {posts}), mean sentiment {s_mean} over "
              "{n_over}{prompted}",
        "fr": "{n} mentions originales spontanées négatives (messages {posts}), sentiment moyen {s_mean} sur "
              "{n_over}{prompted}"},
    "funnel.evidence.prompted": {
        "en": "; {n} prompted mentions not counted",
        "fr": "\u00a0; {n} mentions suscitées non comptées"},
    "funnel.evidence.prompted_one": {
        "en": "; {n} prompted mention not counted",
        "fr": "\u00a0; {n} mention suscitée non comptée"},
    "funnel.evidence.lapsed_advocate": {
        "en": "no longer advocate: mean sentiment {s_mean} over {n_over} spontaneous mentions, {n} positive",
        "fr": "n'est plus ambassadeur\u00a0: sentiment moyen {s_mean} sur {n_over} mentions spontanées, dont {n} "
              "positives"},
    "funnel.evidence.lapsed_detractor": {
        "en": "no longer detractor: mean sentiment {s_mean} over {n_over} spontaneous mentions, {n} negative",
        "fr": "n'est plus détracteur\u00a0: sentiment moyen {s_mean} sur {n_over} mentions spontanées, dont {n} "
              "négatives"},
}
