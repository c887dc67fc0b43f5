"""The words einfluence shows people, in English and French.

One catalogue for every interface that speaks to a reader (figures, reports, the dashboard):
:func:`label` gives a key's text in a language, falling back to English and then to the key
itself, so that a missing translation never breaks a page.

The texts the work itself writes in English (the stages of its progress, the reasons of an
importer's errors, the descriptions of targets and plans) keep their English for the command
line; :func:`stage_text`, :func:`reason_text` and :func:`server_text` find each one's catalogue
key by its pattern (:data:`STAGES`, :data:`REASONS`, :data:`SERVER_TEXTS`) and say it in another
language, and :func:`stage_parts` and :func:`reason_parts` give the key and its values (for a
page's script, which has the catalogue's texts but not the patterns).
"""

from __future__ import annotations

import re
from typing import Any

__all__ = [
    "LANGUAGES",
    "MESSAGES",
    "REASONS",
    "SERVER_TEXTS",
    "STAGES",
    "check_lang",
    "code_label",
    "input_error_text",
    "input_error_where",
    "label",
    "number",
    "percent",
    "reason_parts",
    "reason_text",
    "server_text",
    "stage_parts",
    "stage_text",
]

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
    "reactors": {"en": "distinct reactors", "fr": "comptes qui réagissent"},
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
    "tipping.title": {"en": "How many converts tip the majority", "fr": "Combien de convertis font basculer la majorité"},
    "tipping.share": {"en": "share of the population converted", "fr": "part de la population convertie"},
    "tipping.flip": {"en": "runs whose majority flips", "fr": "simulations où la majorité bascule"},
    "tipping.sweeps": {"en": "sweeps", "fr": "balayages"},
    "tipping.runs": {"en": "runs per share", "fr": "simulations par part"},
    "tipping.everyone": {"en": "everyone", "fr": "tous"},
    "tipping.community": {"en": "community", "fr": "communauté"},
    # the dashboard's Opinion page (issue #16): where opinion settles, what tips it, whom to convert
    "opinion.nav": {"en": "Opinion", "fr": "Opinion"},
    "opinion.title": {"en": "Opinion dynamics", "fr": "Dynamique des opinions"},
    "opinion.intro": {"en": "How opinions of a brand spread and settle along who listens to whom. Each account starts from its measured sentiment towards the brand (neutral when unknown); the brand's own accounts and its advocates are committed for it, its detractors against it.", "fr": "Comment les opinions sur une marque circulent et se stabilisent selon qui écoute qui. Chaque compte part de son sentiment mesuré envers la marque (neutre s'il est inconnu)\u00a0; les comptes de la marque et ses ambassadeurs lui sont acquis, ses détracteurs lui sont opposés."},
    "opinion.new": {"en": "Ask a question", "fr": "Poser une question"},
    "opinion.question": {"en": "question", "fr": "question"},
    "opinion.analysis.settle": {"en": "Where does opinion settle?", "fr": "Où l'opinion se stabilise-t-elle\u00a0?"},
    "opinion.analysis.tipping": {"en": "How many advocates tip it?", "fr": "Combien d'ambassadeurs la font basculer\u00a0?"},
    "opinion.analysis.convert": {"en": "Whom to convert?", "fr": "Qui convertir\u00a0?"},
    "opinion.model": {"en": "model", "fr": "modèle"},
    "opinion.model.fj": {"en": "Friedkin–Johnsen (stubborn authorities)", "fr": "Friedkin–Johnsen (autorités obstinées)"},
    "opinion.model.degroot": {"en": "DeGroot (averaging)", "fr": "DeGroot (moyennes successives)"},
    "opinion.model.hk": {"en": "Hegselmann–Krause (echo chambers)", "fr": "Hegselmann–Krause (chambres d'écho)"},
    "opinion.model.naming-game": {"en": "naming game (committed minority)", "fr": "jeu de nommage (minorité engagée)"},
    "opinion.model.voter": {"en": "voter model (conformity)", "fr": "modèle du votant (conformisme)"},
    "opinion.model.q-voter": {"en": "q-voter (conformity to q sources)", "fr": "q-votant (conformisme à q sources)"},
    "opinion.model.majority": {"en": "majority rule (conformity)", "fr": "règle de la majorité (conformisme)"},
    "opinion.population": {"en": "population", "fr": "population"},
    "opinion.everyone": {"en": "the whole workspace", "fr": "tout l'espace de travail"},
    "opinion.community": {"en": "community {c}", "fr": "communauté {c}"},
    "opinion.n_communities": {"en": "largest communities answered", "fr": "plus grandes communautés traitées"},
    "opinion.by_community": {"en": "also each of the 5 largest communities (slower)", "fr": "aussi chacune des 5 plus grandes communautés (plus lent)"},
    "opinion.convert_accounts": {"en": "accounts that become advocates (@handle or id, one per line)", "fr": "comptes qui deviennent ambassadeurs (@pseudo ou identifiant, un par ligne)"},
    "opinion.convert_hint": {"en": "Empty: only where opinion settles if nothing is done.", "fr": "Vide\u00a0: seulement où l'opinion se stabilise sans rien faire."},
    "opinion.susceptibility": {"en": "susceptibility λ (weight of the others' opinions, 0 – 1)", "fr": "susceptibilité λ (poids des opinions des autres, 0 – 1)"},
    "opinion.epsilon": {"en": "confidence bound ε (Hegselmann–Krause)", "fr": "seuil de confiance ε (Hegselmann–Krause)"},
    "opinion.steps": {"en": "rounds (DeGroot, Hegselmann–Krause)", "fr": "tours (DeGroot, Hegselmann–Krause)"},
    "opinion.choose": {"en": "converts chosen", "fr": "convertis choisis"},
    "opinion.choose.listened": {"en": "the most listened-to first (names them)", "fr": "les plus écoutés d'abord (les nomme)"},
    "opinion.choose.random": {"en": "at random in each simulation", "fr": "au hasard à chaque simulation"},
    "opinion.side": {"en": "converted to", "fr": "convertis en"},
    "opinion.side.a": {"en": "advocates: how many win it", "fr": "ambassadeurs\u00a0: combien la font gagner"},
    "opinion.side.b": {"en": "detractors: how many sink it (counter-case)", "fr": "détracteurs\u00a0: combien la font chuter (contre-épreuve)"},
    "opinion.undecided": {"en": "accounts without a clear opinion", "fr": "comptes sans opinion nette"},
    "opinion.undecided.resist": {"en": "hold the old opinion (cautious)", "fr": "gardent l'ancienne opinion (prudent)"},
    "opinion.undecided.split": {"en": "split at random", "fr": "partagés au hasard"},
    "opinion.undecided.mixed": {"en": "hesitate between both (naming game)", "fr": "hésitent entre les deux (jeu de nommage)"},
    "opinion.max_share": {"en": "largest share converted (0 – 1)", "fr": "plus grande part convertie (0 – 1)"},
    "opinion.runs": {"en": "simulations per share", "fr": "simulations par part"},
    "opinion.horizon": {"en": "horizon (sweeps)", "fr": "horizon (balayages)"},
    "opinion.q": {"en": "q: sources that must agree (q-voter)", "fr": "q\u00a0: sources qui doivent s'accorder (q-votant)"},
    "opinion.seed": {"en": "random seed", "fr": "graine aléatoire"},
    "opinion.k": {"en": "advocates to win (k)", "fr": "ambassadeurs à gagner (k)"},
    "opinion.run": {"en": "Run (as a job)", "fr": "Lancer (tâche de fond)"},
    "opinion.for_brand": {"en": "opinion of {brand}", "fr": "opinion sur {brand}"},
    "opinion.no_brand": {"en": "no brand declared: every opinion is neutral", "fr": "aucune marque déclarée\u00a0: toutes les opinions sont neutres"},
    "opinion.none": {"en": "No answer yet: ask this question with the form.", "fr": "Pas encore de réponse\u00a0: posez cette question avec le formulaire."},
    "opinion.wrong_plan": {"en": "plan #{id} is not an answer to this question", "fr": "le plan n° {id} ne répond pas à cette question"},
    "opinion.scale": {"en": "Opinions are mean sentiments in [−1, 1]: −1 against the brand, +1 for it, 0 neutral or unknown; favourable means above +0.05.", "fr": "Les opinions sont des sentiments moyens dans [−1, 1]\u00a0: −1 contre la marque, +1 pour, 0 neutre ou inconnu\u00a0; favorable signifie au-dessus de +0,05."},
    "opinion.settle.h": {"en": "Where opinion settles", "fr": "Où l'opinion se stabilise"},
    "opinion.settle.help": {"en": "Mean opinion of each population now (95 % interval from the measurement errors), and where it settles if nothing is done and if the chosen accounts become committed advocates.", "fr": "Opinion moyenne de chaque population aujourd'hui (intervalle à 95 % dû aux erreurs de mesure), et où elle se stabilise sans rien faire et si les comptes choisis deviennent des ambassadeurs engagés."},
    "opinion.settle.title": {"en": "Mean opinion now and where it settles (95 % intervals)", "fr": "Opinion moyenne aujourd'hui et à terme (intervalles à 95 %)"},
    "opinion.now": {"en": "now", "fr": "aujourd'hui"},
    "opinion.nothing": {"en": "settled, nothing done", "fr": "à terme, sans rien faire"},
    "opinion.converted": {"en": "settled, {n} new advocates", "fr": "à terme, {n} nouveaux ambassadeurs"},
    "opinion.new_n": {"en": "{n} new advocates", "fr": "{n} nouveaux ambassadeurs"},
    "opinion.known": {"en": "opinions known", "fr": "opinions connues"},
    "opinion.advocates": {"en": "advocates", "fr": "ambassadeurs"},
    "opinion.detractors": {"en": "detractors", "fr": "détracteurs"},
    "opinion.clusters": {"en": "opinion clusters (opinion × accounts)", "fr": "groupes d'opinion (opinion × comptes)"},
    "opinion.new_advocates": {"en": "The {n} new advocates:", "fr": "Les {n} nouveaux ambassadeurs\u00a0:"},
    "opinion.favourable": {"en": "favourable (share of the accounts)", "fr": "favorables (part des comptes)"},
    "opinion.meta.tipping": {"en": "{model} · {horizon} sweeps · {runs} simulations per share · converts chosen: {choose} · accounts without a clear opinion: {undecided}", "fr": "{model} · {horizon} balayages · {runs} simulations par part · convertis choisis\u00a0: {choose} · comptes sans opinion nette\u00a0: {undecided}"},
    "opinion.tipping.h": {"en": "Tipping point", "fr": "Point de bascule"},
    "opinion.tipping.help": {"en": "The critical share: the share of the population converted at which its majority flips to the converts' opinion within the horizon in half the simulations, with its 95 % interval. In a sweep, each account updates once on average.", "fr": "La part critique\u00a0: la part de la population convertie à partir de laquelle sa majorité bascule vers l'opinion des convertis avant l'horizon dans la moitié des simulations, avec son intervalle à 95 %. En un balayage, chaque compte change en moyenne une fois."},
    "opinion.counter_case": {"en": "counter-case: detractors", "fr": "contre-épreuve\u00a0: détracteurs"},
    "opinion.critical": {"en": "critical share", "fr": "part critique"},
    "opinion.critical_count": {"en": "converts needed", "fr": "convertis nécessaires"},
    "opinion.committed_for": {"en": "committed for", "fr": "acquis"},
    "opinion.committed_against": {"en": "committed against", "fr": "opposés"},
    "opinion.favourable_start": {"en": "on the converts' side at the start", "fr": "du côté des convertis au départ"},
    "opinion.not_within": {"en": "does not tip up to {share}", "fr": "ne bascule pas jusqu'à {share}"},
    "opinion.tips_with": {"en": "Converting these {n} accounts, in this order, flips the majority of {population}:", "fr": "Convertir ces {n} comptes, dans cet ordre, fait basculer la majorité de {population}\u00a0:"},
    "opinion.tips_with_one": {"en": "Converting this account flips the majority of {population}:", "fr": "Convertir ce compte fait basculer la majorité de {population}\u00a0:"},
    "opinion.random_list": {"en": "The converts were drawn at random in each simulation: choose “the most listened-to first” to get the accounts by name.", "fr": "Les convertis ont été tirés au hasard à chaque simulation\u00a0: choisissez «\u00a0les plus écoutés d'abord\u00a0» pour obtenir les comptes par leur nom."},
    "opinion.use": {"en": "Where does opinion settle if these become advocates?", "fr": "Où l'opinion se stabilise-t-elle si ceux-ci deviennent ambassadeurs\u00a0?"},
    "opinion.curve": {"en": "The curve, as a table", "fr": "La courbe, en tableau"},
    "opinion.share": {"en": "share converted", "fr": "part convertie"},
    "opinion.count": {"en": "converts", "fr": "convertis"},
    "opinion.flip": {"en": "simulations whose majority flips", "fr": "simulations où la majorité bascule"},
    "opinion.convert.h": {"en": "Whom to convert", "fr": "Qui convertir"},
    "opinion.convert.help": {"en": "The k accounts whose conversion into committed advocates raises the target's mean settled opinion most (lazy greedy under Friedkin–Johnsen: at least 1\u00a0−\u00a01/e of the best set), beside converting the k best-scored influencers.", "fr": "Les k comptes dont la conversion en ambassadeurs engagés élève le plus l'opinion moyenne à terme de la cible (glouton paresseux sous Friedkin–Johnsen\u00a0: au moins 1\u00a0−\u00a01/e du meilleur ensemble), à côté de la conversion des k influenceurs aux meilleurs scores."},
    "opinion.convert.title": {"en": "Mean settled opinion of the target", "fr": "Opinion moyenne à terme de la cible"},
    "opinion.plan": {"en": "plan", "fr": "plan"},
    "opinion.plan.nothing": {"en": "nothing done", "fr": "sans rien faire"},
    "opinion.plan.greedy": {"en": "einfluence choice (greedy)", "fr": "choix einfluence (glouton)"},
    "opinion.plan.top": {"en": "best-scored influencers", "fr": "influenceurs aux meilleurs scores"},
    "opinion.mean": {"en": "mean settled opinion", "fr": "opinion moyenne à terme"},
    "opinion.mean_ci": {"en": "mean opinion (95 % interval)", "fr": "opinion moyenne (intervalle à 95 %)"},
    "opinion.axis": {"en": "mean opinion (−1 against the brand, +1 for it)", "fr": "opinion moyenne (−1 contre la marque, +1 pour)"},
    "opinion.gain": {"en": "gain", "fr": "gain"},
    "opinion.marginal": {"en": "marginal gain", "fr": "gain marginal"},
    "opinion.both": {"en": "in both", "fr": "dans les deux"},
    "opinion.target": {"en": "target: {population}, {n} accounts", "fr": "cible\u00a0: {population}, {n} comptes"},
    "opinion.counter.h": {"en": "Counter-case: how many detractors sink it", "fr": "Contre-épreuve\u00a0: combien de détracteurs la font chuter"},
    "opinion.counter.found": {"en": "{count} detractors ({share}; 95 % interval {low} – {high}) flip the majority of {population} against the brand.", "fr": "{count} détracteurs ({share}\u00a0; intervalle à 95 % {low} – {high}) font basculer la majorité de {population} contre la marque."},
    "opinion.counter.found_one": {"en": "One detractor ({share}; 95 % interval {low} – {high}) flips the majority of {population} against the brand.", "fr": "Un seul détracteur ({share}\u00a0; intervalle à 95 % {low} – {high}) fait basculer la majorité de {population} contre la marque."},
    "opinion.counter.never": {"en": "Detractors do not flip {population} up to {share} of it.", "fr": "Les détracteurs ne font pas basculer {population} jusqu'à {share} de ses membres."},
    "opinion.counter.missing": {"en": "Not computed yet for this population and brand.", "fr": "Pas encore calculée pour cette population et cette marque."},
    "opinion.counter.run": {"en": "Compute the counter-case (a job)", "fr": "Calculer la contre-épreuve (tâche de fond)"},
    "opinion.past.h": {"en": "Past opinion answers", "fr": "Réponses d'opinion passées"},
    "opinion.shown": {"en": "shown", "fr": "affichée"},
    "opinion.older": {"en": "Older answers", "fr": "Réponses plus anciennes"},
    "opinion.newest": {"en": "Newest answers", "fr": "Réponses les plus récentes"},
    "opinion.details": {"en": "details", "fr": "détails"},
    "opinion.answer": {"en": "answer #{id}", "fr": "réponse n° {id}"},
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
    "funnel.nobody": {"en": "nobody is aware of the brand in the window", "fr": "personne ne connaît la marque sur la période"},
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
    # reports
    "report.window": {"en": "Data window", "fr": "Période des données"},
    "report.networks": {"en": "Networks", "fr": "Réseaux"},
    "report.all_networks": {"en": "all", "fr": "tous"},
    "report.version": {"en": "Made with", "fr": "Produit avec"},
    "report.generated": {"en": "Generated", "fr": "Généré le"},
    "report.runs": {"en": "Runs and their parameters", "fr": "Calculs et leurs paramètres"},
    "report.figures": {"en": "Figures", "fr": "Figures"},
    "report.figure": {"en": "Figure", "fr": "Figure"},
    "report.first_event": {"en": "first event", "fr": "premier événement"},
    "report.last_event": {"en": "last event", "fr": "dernier événement"},
    "report.no_charts": {"en": "This browser cannot draw the charts (it needs a 2023 or later browser); the tables hold the same numbers.",
                         "fr": "Ce navigateur ne peut pas dessiner les graphiques (il faut un navigateur de 2023 ou plus récent) ; les tableaux donnent les mêmes chiffres."},
    "report.colophon": {"en": "Made with einfluence from the data of the window above. Scores are relative to the accounts of the window; expected reaches are Monte-Carlo estimates with their 95 % intervals.",
                        "fr": "Produit avec einfluence à partir des données de la période ci-dessus. Les scores sont relatifs aux comptes de la période ; les audiences attendues sont des estimations de Monte-Carlo avec leur intervalle à 95 %."},
    "report.summary": {"en": "Summary", "fr": "Synthèse"},
    "report.method": {"en": "Method", "fr": "Méthode"},
    "report.score_run": {"en": "Score run", "fr": "Calcul de score"},
    "report.community_run": {"en": "Community run", "fr": "Calcul de communautés"},
    "report.topic_run": {"en": "Topic run", "fr": "Calcul de thèmes"},
    "report.plan": {"en": "Campaign plan", "fr": "Plan de campagne"},
    "report.method.budgeted_imm": {"en": "budgeted_imm", "fr": "IMM sous budget"},
    "report.method.imm": {"en": "imm", "fr": "IMM"},
    "report.method.celf": {"en": "celf", "fr": "CELF"},
    "report.method.greedy_exact": {"en": "greedy_exact", "fr": "glouton exact"},
    "report.probabilities.learned": {"en": "learned", "fr": "apprises des cascades"},
    "report.probabilities.em": {"en": "em", "fr": "apprises (EM)"},
    "report.plan_text": {"en": "#{id}: budget {budget}, model {model}, probabilities {probabilities} ({arcs} arcs), {method} ε {epsilon}, {rr_sets} RR sets, {simulations} simulations per plan, seed {seed}; einfluence {version}",
                         "fr": "n° {id} : budget {budget}, modèle {model}, probabilités {probabilities} ({arcs} arcs), {method} ε {epsilon}, {rr_sets} ensembles RR, {simulations} simulations par plan, graine {seed} ; einfluence {version}"},
    "report.simulations": {"en": "Expected reach", "fr": "Audience attendue"},
    "report.scored": {"en": "accounts scored", "fr": "comptes évalués"},
    "report.shortlisted": {"en": "influencers shortlisted", "fr": "influenceurs retenus"},
    "report.median_cost": {"en": "median cost", "fr": "coût médian"},
    "report.expected_reach": {"en": "expected reach alone (95 % interval)", "fr": "audience attendue seul (intervalle à 95 %)"},
    "report.cost": {"en": "cost", "fr": "coût"},
    "report.topics": {"en": "topics", "fr": "thèmes"},
    "report.top_reactors": {"en": "top reactors", "fr": "principaux relais"},
    "report.followers": {"en": "followers", "fr": "abonnés"},
    "report.kind": {"en": "kind", "fr": "type"},
    "report.mentions": {"en": "mentions", "fr": "mentions"},
    "report.sentiment": {"en": "mean sentiment", "fr": "sentiment moyen"},
    "report.ci95": {"en": "95 % interval", "fr": "intervalle à 95 %"},
    "report.share_of_voice": {"en": "share of voice", "fr": "part de voix"},
    "report.quote": {"en": "typical quote", "fr": "citation typique"},
    "report.trend": {"en": "trend", "fr": "tendance"},
    "influencers.title": {"en": "Influencer shortlist", "fr": "Sélection d'influenceurs"},
    "influencers.list": {"en": "The shortlist", "fr": "La sélection"},
    "influencers.why": {"en": "Why they rank there", "fr": "Pourquoi ce classement"},
    "influencers.activity": {"en": "Activity over time", "fr": "Activité dans le temps"},
    "influencers.value": {"en": "Reach for the money", "fr": "Audience pour le budget"},
    "influencers.all": {"en": "every account", "fr": "tous les comptes"},
    "influencers.topic": {"en": "influence on the topic", "fr": "influence sur le thème"},
    "influencers.community": {"en": "members of community", "fr": "membres de la communauté"},
    "influencers.query": {"en": "writing about", "fr": "qui écrivent sur"},
    "influencers.brand": {"en": "talking about", "fr": "qui parlent de"},
    "influencers.method": {"en": "The einfluence score (1–100) adds the points of five components to a base of 1: reach (distinct accounts that react, time-decayed), amplification (relays per post), depth (cascades beyond the first hop), impact (where the reactors sit in the network) and momentum (rising attention). Each component is scaled against the accounts of its network in the window, so raw audience size alone never makes a high score. Expected reach is the mean number of accounts a message seeded by this account alone reaches in simulated cascades (independent cascades), with its 95 % interval.",
                           "fr": "Le score einfluence (1–100) ajoute à une base de 1 les points de cinq composantes : audience utile (comptes distincts qui réagissent, avec oubli progressif), amplification (relais par message), profondeur (cascades au-delà du premier relais), impact réseau (la place des relais dans le réseau) et dynamique (attention croissante). Chaque composante est mise à l'échelle des comptes de son réseau sur la période : la seule taille d'audience ne fait jamais un score élevé. L'audience attendue est le nombre moyen de comptes atteints par un message lancé par ce seul compte dans des cascades simulées (cascades indépendantes), avec son intervalle à 95 %."},
    "activity.title": {"en": "Distinct reactors per day", "fr": "Relais distincts par jour"},
    "value.title": {"en": "Expected reach against cost", "fr": "Audience attendue selon le coût"},
    "profile.title": {"en": "Influencer profile", "fr": "Profil d'influenceur"},
    "profile.components": {"en": "Score components", "fr": "Composantes du score"},
    "profile.value": {"en": "value", "fr": "valeur"},
    "profile.scale": {"en": "scale in its network", "fr": "échelle dans son réseau"},
    "profile.reactors": {"en": "Who reacts to this account", "fr": "Qui réagit à ce compte"},
    "profile.reactions": {"en": "reactions", "fr": "réactions"},
    "profile.kinds": {"en": "kinds", "fr": "types"},
    "profile.last": {"en": "last", "fr": "dernière"},
    "profile.posts": {"en": "Most relayed posts", "fr": "Messages les plus relayés"},
    "profile.post": {"en": "post", "fr": "message"},
    "profile.text": {"en": "text", "fr": "texte"},
    "profile.reactors_n": {"en": "reactors", "fr": "relais"},
    "profile.perception": {"en": "How this account talks about the brands", "fr": "Ce que ce compte dit des marques"},
    "profile.history": {"en": "Score history", "fr": "Historique du score"},
    "profile.no_perception": {"en": "This account mentions no declared brand in the window.", "fr": "Ce compte ne mentionne aucune marque déclarée sur la période."},
    "profile.rank_of": {"en": "rank", "fr": "rang"},
    "campaign.title": {"en": "Campaign plan", "fr": "Plan de campagne"},
    "campaign.chosen": {"en": "The chosen influencers", "fr": "Les influenceurs choisis"},
    "campaign.comparison": {"en": "The same budget spent otherwise", "fr": "Le même budget dépensé autrement"},
    "campaign.outcomes": {"en": "Outcomes of the actions", "fr": "Résultats des actions"},
    "campaign.no_actions": {"en": "No campaign action is logged for this brand yet: log them (einfluence actions add/import) and make the report again to see the outcomes.",
                            "fr": "Aucune action de campagne n'est encore enregistrée pour cette marque : enregistrez-les (einfluence actions add/import) puis refaites le rapport pour voir les résultats."},
    "campaign.budget": {"en": "budget", "fr": "budget"},
    "campaign.spent": {"en": "spent", "fr": "dépensé"},
    "campaign.contacts": {"en": "contacts", "fr": "contacts"},
    "campaign.reach": {"en": "expected reach in the target", "fr": "audience attendue dans la cible"},
    "campaign.target": {"en": "target", "fr": "cible"},
    "campaign.message": {"en": "message", "fr": "message"},
    "campaign.marginal": {"en": "reach added", "fr": "audience ajoutée"},
    "campaign.alone": {"en": "reach alone", "fr": "audience seul"},
    "campaign.overlap": {"en": "overlap", "fr": "recouvrement"},
    "campaign.plan": {"en": "plan", "fr": "plan"},
    "campaign.description": {"en": "how", "fr": "comment"},
    "campaign.per_cost": {"en": "per 1,000 spent", "fr": "pour 1 000 dépensés"},
    "campaign.per_contact": {"en": "per contact", "fr": "par contact"},
    "campaign.versus": {"en": "The targeted plan reaches {reach} accounts of the target (95 % interval {low} – {high}) for {cost}; sending the message to every {kind} ({contacts} contacts) would reach {blanket} for {blanket_cost}: {ratio} times the reach per unit spent.",
                        "fr": "Le plan ciblé atteint {reach} comptes de la cible (intervalle à 95 % : {low} – {high}) pour {cost} ; envoyer le message à chaque {kind} ({contacts} contacts) en atteindrait {blanket} pour {blanket_cost} : {ratio} fois l'audience par unité dépensée."},
    "campaign.method": {"en": "Influencers are chosen by greedy maximisation of the expected reach in the target per unit of cost over reverse-reachable sets (an approximation guarantee holds with the stated probability); each plan is then simulated with the same cascades, so that the comparison is fair.",
                        "fr": "Les influenceurs sont choisis par maximisation gloutonne de l'audience attendue dans la cible par unité de coût sur des ensembles atteignables à rebours (avec une garantie d'approximation à la probabilité indiquée) ; chaque plan est ensuite simulé avec les mêmes cascades, pour une comparaison équitable."},
    "campaign.did": {"en": "effect (difference in differences)", "fr": "effet (différence de différences)"},
    "campaign.stage_before": {"en": "stage before", "fr": "étape avant"},
    "campaign.stage_after": {"en": "stage after", "fr": "étape après"},
    "campaign.measure": {"en": "measure", "fr": "mesure"},
    "campaign.estimate": {"en": "estimate", "fr": "estimation"},
    "brand.title": {"en": "Brand perception and advocacy", "fr": "Perception de la marque et recommandation"},
    "brand.perception": {"en": "How the brand is perceived", "fr": "Comment la marque est perçue"},
    "brand.funnel": {"en": "From unaware to advocate", "fr": "De l'ignorance à la recommandation"},
    "brand.advocates": {"en": "Advocates", "fr": "Ambassadeurs"},
    "brand.detractors": {"en": "Detractors", "fr": "Détracteurs"},
    "brand.influencers": {"en": "What the influencers say", "fr": "Ce que disent les influenceurs"},
    "brand.none": {"en": "none in the window", "fr": "aucun sur la période"},
    "brand.since": {"en": "since", "fr": "depuis"},
    "brand.spontaneous": {"en": "spontaneous mentions", "fr": "mentions spontanées"},
    "brand.rules": {"en": "{min_mentions} spontaneous mentions make an advocate or a detractor; a mention within {prompt_window_hours:g} h of a {exposure} to the brand is prompted, not spontaneous",
                    "fr": "{min_mentions} mentions spontanées font un ambassadeur ou un détracteur ; une mention dans les {prompt_window_hours:g} h suivant une exposition à la marque ({exposure}) est sollicitée, pas spontanée"},
    "brand.periods": {"en": "periods", "fr": "périodes"},
    "brand.competitor": {"en": "competitor", "fr": "concurrent"},
    "communities.report": {"en": "Communities", "fr": "Communautés"},
    "communities.map": {"en": "The map", "fr": "La carte"},
    "communities.list": {"en": "The communities", "fr": "Les communautés"},
    "communities.brokers": {"en": "Brokers between communities", "fr": "Passeurs entre communautés"},
    "communities.terms": {"en": "what they talk about", "fr": "de quoi ils parlent"},
    "communities.leaders": {"en": "leaders", "fr": "leaders"},
    "communities.modularity": {"en": "modularity", "fr": "modularité"},
    "communities.assigned": {"en": "accounts in a community", "fr": "comptes dans une communauté"},
    "communities.count": {"en": "communities", "fr": "communautés"},
    "communities.participation": {"en": "participation", "fr": "participation"},
    "communities.others": {"en": "other communities reached", "fr": "autres communautés touchées"},
    "communities.drawn": {"en": "the {n} most influential members and every leader and broker", "fr": "les {n} membres les plus influents et tous les leaders et passeurs"},
    # the web dashboard (einfluence serve): its frame and pages
    "web.product": {"en": "Dashboard", "fr": "Tableau de bord"},
    "web.skip": {"en": "Skip to the content", "fr": "Aller au contenu"},
    "web.workspace": {"en": "Workspace", "fr": "Espace de travail"},
    "web.open": {"en": "Open", "fr": "Ouvrir"},
    "web.language": {"en": "Language", "fr": "Langue"},
    "web.pages": {"en": "Pages", "fr": "Pages"},
    "web.nav.overview": {"en": "Overview", "fr": "Vue d'ensemble"},
    "web.nav.influencers": {"en": "Influencers", "fr": "Influenceurs"},
    "web.nav.communities": {"en": "Communities", "fr": "Communautés"},
    "web.nav.topics": {"en": "Topics and briefs", "fr": "Thèmes et briefs"},
    "web.nav.campaigns": {"en": "Campaign planner", "fr": "Planificateur de campagne"},
    "web.nav.brands": {"en": "Brands", "fr": "Marques"},
    "web.nav.imports": {"en": "Imports and jobs", "fr": "Imports et tâches"},
    "web.footer": {"en": "einfluence: the numbers of this page come from the server's API", "fr": "einfluence : les chiffres de cette page viennent de l'API du serveur"},
    "web.api_docs": {"en": "API documentation", "fr": "Documentation de l'API"},
    "web.signin": {"en": "Sign in", "fr": "Se connecter"},
    "web.signin.help": {"en": "Open the login link that einfluence serve printed, or paste a token made with einfluence token create.", "fr": "Ouvrez le lien de connexion affiché par einfluence serve, ou collez un jeton créé avec einfluence token create."},
    "web.token": {"en": "Token", "fr": "Jeton"},
    "web.problem": {"en": "Problem:", "fr": "Problème :"},
    "web.computing": {"en": "Computing…", "fr": "Calcul en cours…"},
    "web.computing.detail": {"en": "job #{job} ({stage}); this page refreshes by itself.", "fr": "tâche n° {job} ({stage}) ; cette page se met à jour toute seule."},
    "web.computing.read": {"en": "{stage}, read once for every page until the next change; this page refreshes by itself.", "fr": "{stage}, lu une fois pour toutes les pages jusqu'au prochain changement ; cette page se met à jour toute seule."},
    "web.stage.community report": {"en": "the communities' terms, leaders and brokers", "fr": "les termes, leaders et passeurs des communautés"},
    "web.stage.community map": {"en": "the map's positions", "fr": "les positions de la carte"},
    "web.stage.community roles": {"en": "the communities' leaders and brokers", "fr": "les leaders et passeurs des communautés"},
    "web.stage.brand perception": {"en": "how every account perceives the brands", "fr": "la perception des marques par chaque compte"},
    "web.stage.advocacy funnel": {"en": "every brand's advocacy funnel", "fr": "l'entonnoir de recommandation de chaque marque"},
    "web.progress": {"en": "progress", "fr": "avancement"},
    "web.produced_by": {"en": "Produced by", "fr": "Produit par"},
    "web.none": {"en": "None yet.", "fr": "Aucun pour l'instant."},
    "web.accounts": {"en": "accounts", "fr": "comptes"},
    "web.posts": {"en": "posts", "fr": "messages"},
    "web.interactions": {"en": "interactions", "fr": "interactions"},
    "web.brands": {"en": "brands", "fr": "marques"},
    "web.created": {"en": "created", "fr": "créé le"},
    "web.what": {"en": "what", "fr": "quoi"},
    "web.format": {"en": "format", "fr": "format"},
    "web.sources": {"en": "sources", "fr": "sources"},
    "web.finished": {"en": "finished", "fr": "terminé le"},
    "web.checksum": {"en": "checksum", "fr": "empreinte"},
    "web.job": {"en": "job", "fr": "tâche"},
    "web.overview.title": {"en": "Workspace {workspace}", "fr": "Espace de travail {workspace}"},
    "web.overview.counts": {"en": "What the workspace holds", "fr": "Contenu de l'espace de travail"},
    "web.overview.networks": {"en": "Networks", "fr": "Réseaux"},
    "web.overview.activity": {"en": "Interactions per day and network", "fr": "Interactions par jour et par réseau"},
    "web.overview.next": {"en": "What to do next", "fr": "Et maintenant"},
    "web.overview.runs": {"en": "Latest runs and plans", "fr": "Derniers calculs et plans"},
    "web.overview.imports": {"en": "Imports and their provenance", "fr": "Imports et leur provenance"},
    "web.todo.import": {"en": "Import data: Imports and jobs page, or einfluence import.", "fr": "Importez des données : page Imports et tâches, ou einfluence import."},
    "web.todo.score": {"en": "Score the influencers: open the Influencers page (the window's run is computed once).", "fr": "Calculez les scores : ouvrez la page Influenceurs (le calcul de la période est fait une fois)."},
    "web.todo.topics": {"en": "Find the topics: open Topics and briefs.", "fr": "Trouvez les thèmes : ouvrez Thèmes et briefs."},
    "web.todo.communities": {"en": "Find the communities: einfluence communities, or the API.", "fr": "Trouvez les communautés : einfluence communities, ou l'API."},
    "web.todo.brand": {"en": "Declare your brand and its competitors: einfluence brand add.", "fr": "Déclarez votre marque et ses concurrents : einfluence brand add."},
    "web.todo.plan": {"en": "Plan a campaign: Campaign planner.", "fr": "Planifiez une campagne : Planificateur de campagne."},
    "web.todo.trends": {"en": "Follow the scores over time (rising and fading influencers): einfluence trends.", "fr": "Suivez les scores dans le temps (influenceurs en hausse ou en baisse) : einfluence trends."},
    "web.todo.done": {"en": "Everything is computed: shortlist influencers, plan a campaign, follow the brand.", "fr": "Tout est calculé : sélectionnez des influenceurs, planifiez une campagne, suivez la marque."},
    "web.signout": {"en": "Sign out", "fr": "Se déconnecter"},
    "web.previous_page": {"en": "Previous page", "fr": "Page précédente"},
    "web.measure.mentions": {"en": "mentions of the brand", "fr": "mentions de la marque"},
    "web.measure.sentiment": {"en": "mean sentiment", "fr": "sentiment moyen"},
    "web.measure.reach": {"en": "accounts that relayed, quoted or replied", "fr": "comptes qui ont relayé, cité ou répondu"},
    "web.error": {"en": "error", "fr": "erreur"},
    "web.jobs": {"en": "Jobs", "fr": "Tâches"},
    "web.state": {"en": "state", "fr": "état"},
    "web.cancel": {"en": "Cancel", "fr": "Annuler"},
    "web.state.queued": {"en": "queued", "fr": "en attente"},
    "web.state.running": {"en": "running", "fr": "en cours"},
    "web.state.succeeded": {"en": "succeeded", "fr": "réussie"},
    "web.state.failed": {"en": "failed", "fr": "échouée"},
    "web.state.cancelled": {"en": "cancelled", "fr": "annulée"},
    "web.import.title": {"en": "Import files", "fr": "Importer des fichiers"},
    "web.import.files": {"en": "files (their names matter:", "fr": "fichiers (leurs noms comptent :"},
    "web.import.kind": {"en": "interaction kind (edge lists)", "fr": "type d'interaction (listes d'arêtes)"},
    "web.import.run": {"en": "Import (runs as a job)", "fr": "Importer (tâche de fond)"},
    "web.import.done": {"en": "Imported", "fr": "Importé"},
    "web.import.help": {"en": "All or nothing: a file with an error imports nothing, and the error names the file, the line and the field. Importing the same file twice adds nothing.", "fr": "Tout ou rien : un fichier avec une erreur n'importe rien, et l'erreur nomme le fichier, la ligne et le champ. Importer deux fois le même fichier n'ajoute rien."},
    "web.outcomes.contacted": {"en": "The influencers contacted", "fr": "Les influenceurs contactés"},
    "web.plan.compare": {"en": "Compare plans", "fr": "Comparer les plans"},
    "web.plan.compare_ticked": {"en": "Compare the ticked plans", "fr": "Comparer les plans cochés"},
    "web.plan.stored": {"en": "Stored plans", "fr": "Plans enregistrés"},
    "web.plan.new": {"en": "Plan a campaign", "fr": "Planifier une campagne"},
    "web.plan.or_topic": {"en": "or the topic of the message", "fr": "ou le thème du message"},
    "web.plan.novelty": {"en": "novelty of the message (0.01 – 1)", "fr": "nouveauté du message (0,01 – 1)"},
    "web.plan.everyone": {"en": "everyone", "fr": "tout le monde"},
    "web.plan.base_fee": {"en": "rate card: fee per influencer", "fr": "grille : forfait par influenceur"},
    "web.plan.per_thousand": {"en": "rate card: per 1,000 followers", "fr": "grille : pour 1 000 abonnés"},
    "web.plan.costs": {"en": "or a cost list (account,cost per line)", "fr": "ou une liste de coûts (compte,coût par ligne)"},
    "web.plan.costs_bad": {"en": "not an account,cost line:", "fr": "pas une ligne compte,coût :"},
    "web.plan.model": {"en": "diffusion model", "fr": "modèle de diffusion"},
    "web.plan.ic": {"en": "independent cascades", "fr": "cascades indépendantes"},
    "web.plan.lt": {"en": "linear threshold", "fr": "seuil linéaire"},
    "web.plan.blanket": {"en": "blanket plan: every account of kind", "fr": "plan arrosage : chaque compte de type"},
    "web.plan.simulations": {"en": "simulations", "fr": "simulations"},
    "web.plan.run": {"en": "Plan (runs as a job)", "fr": "Planifier (tâche de fond)"},
    "web.read_only": {"en": "Your token reads only: a write token is needed to run this.", "fr": "Votre jeton ne permet que la lecture : il faut un jeton d'écriture pour lancer ceci."},
    "web.topics.list": {"en": "Topics", "fr": "Thèmes"},
    "web.topics.terms": {"en": "top terms", "fr": "termes principaux"},
    "web.topics.leaders": {"en": "on-topic leaders", "fr": "leaders sur le thème"},
    "web.topics.board": {"en": "leaderboard on this topic", "fr": "classement sur ce thème"},
    "web.brief.title": {"en": "A content brief", "fr": "Un brief de contenu"},
    "web.brief.help": {"en": "What a target relays, what rises in it and whom it listens to.", "fr": "Ce qu'une cible relaie, ce qui y monte et qui elle écoute."},
    "web.brief.choose": {"en": "choose a target", "fr": "choisir une cible"},
    "web.brief.audience": {"en": "audience of topic", "fr": "audience du thème"},
    "web.brief.shortlist": {"en": "or a saved shortlist", "fr": "ou une sélection enregistrée"},
    "web.brief.make": {"en": "Make the brief", "fr": "Faire le brief"},
    "web.brief.use": {"en": "use", "fr": "utiliser"},
    "web.brief.for": {"en": "Brief for", "fr": "Brief pour"},
    "web.brief.topics": {"en": "What they relay", "fr": "Ce qu'ils relaient"},
    "web.brief.terms": {"en": "Their words", "fr": "Leurs mots"},
    "web.brief.rising": {"en": "What is rising", "fr": "Ce qui monte"},
    "web.brief.listened": {"en": "Whom they listen to", "fr": "Qui ils écoutent"},
    "web.share": {"en": "share", "fr": "part"},
    "web.lift": {"en": "lift", "fr": "surreprésentation"},
    "web.term": {"en": "term", "fr": "terme"},
    "web.growth": {"en": "growth", "fr": "croissance"},
    "web.map.accounts": {"en": "accounts drawn", "fr": "comptes dessinés"},
    "web.map.view": {"en": "view", "fr": "vue"},
    "web.map.view.accounts": {"en": "accounts", "fr": "comptes"},
    "web.map.view.communities": {"en": "communities (aggregated)", "fr": "communautés (agrégées)"},
    "web.map.ties": {"en": "show the ties", "fr": "montrer les liens"},
    "web.map.label": {"en": "Network map of the communities; the table below gives the same communities, leaders and brokers", "fr": "Carte du réseau des communautés ; le tableau ci-dessous donne les mêmes communautés, leaders et passeurs"},
    "web.map.loading": {"en": "Loading the map…", "fr": "Chargement de la carte…"},
    "web.map.drawn": {"en": "{nodes} accounts and {edges} ties drawn.", "fr": "{nodes} comptes et {edges} liens dessinés."},
    "web.map.legend": {"en": "Legend of the map", "fr": "Légende de la carte"},
    "web.map.controls": {"en": "Move and zoom the map", "fr": "Déplacer et zoomer la carte"},
    "web.map.zoom_in": {"en": "Zoom in", "fr": "Zoom avant"},
    "web.map.zoom_out": {"en": "Zoom out", "fr": "Zoom arrière"},
    "web.map.reset": {"en": "Whole map", "fr": "Toute la carte"},
    "web.map.left": {"en": "Move left", "fr": "Vers la gauche"},
    "web.map.right": {"en": "Move right", "fr": "Vers la droite"},
    "web.map.up": {"en": "Move up", "fr": "Vers le haut"},
    "web.map.down": {"en": "Move down", "fr": "Vers le bas"},
    "web.map.table": {"en": "The accounts drawn, as a table", "fr": "Les comptes dessinés, en tableau"},
    "web.map.table.help": {"en": "Every account of the map, best score first, with its community, its role and a link to its profile.", "fr": "Chaque compte de la carte, meilleur score d'abord, avec sa communauté, son rôle et un lien vers son profil."},
    "web.map.role": {"en": "role", "fr": "rôle"},
    "web.map.rows": {"en": "accounts {first} to {last} of {total}", "fr": "comptes {first} à {last} sur {total}"},
    "web.map.more": {"en": "Next accounts", "fr": "Comptes suivants"},
    "web.map.less": {"en": "Previous accounts", "fr": "Comptes précédents"},
    "web.map.filter": {"en": "community shown", "fr": "communauté montrée"},
    "web.map.all": {"en": "all", "fr": "toutes"},
    "web.map.help": {"en": "Scroll or the buttons to zoom, drag or the arrows to move (on a button, the keys + − ← → ↑ ↓ and 0 do the same), hover an account for its name, click it for its profile. Beyond the accounts drawn, the most influential ones are shown; the communities view aggregates them.", "fr": "Molette ou boutons pour zoomer, glisser ou flèches pour déplacer (sur un bouton, les touches + − ← → ↑ ↓ et 0 font de même), survol pour le nom, clic pour le profil. Au-delà des comptes dessinés, les plus influents sont montrés ; la vue communautés les agrège."},
    "web.profile": {"en": "Profile", "fr": "Profil"},
    "web.profile.summary": {"en": "The influencer in numbers", "fr": "L'influenceur en chiffres"},
    "web.profile.ego": {"en": "Ego network: who reacts to this account", "fr": "Réseau personnel : qui réagit à ce compte"},
    "web.profile.topics": {"en": "Topics of interest", "fr": "Thèmes d'intérêt"},
    "web.profile.broker": {"en": "A broker: ties to {n} other communities (participation {p}).", "fr": "Un passeur : des liens avec {n} autres communautés (participation {p})."},
    "web.profile.peers": {"en": "The other influencers of this community", "fr": "Les autres influenceurs de cette communauté"},
    "web.profile.funnel": {"en": "Funnel history and its evidence", "fr": "Historique dans l'entonnoir et ses preuves"},
    "web.profile.actions": {"en": "Actions logged", "fr": "Actions enregistrées"},
    "web.component": {"en": "component", "fr": "composante"},
    "web.value": {"en": "value", "fr": "valeur"},
    "web.scale": {"en": "scale", "fr": "échelle"},
    "web.weight": {"en": "weight", "fr": "poids"},
    "web.last": {"en": "last", "fr": "dernière"},
    "web.brand": {"en": "brand", "fr": "marque"},
    "web.stable": {"en": "stable", "fr": "stable"},
    "web.when": {"en": "when", "fr": "quand"},
    "web.stage": {"en": "stage", "fr": "étape"},
    "web.evidence": {"en": "evidence", "fr": "preuve"},
    "web.campaign": {"en": "campaign", "fr": "campagne"},
    "web.note": {"en": "note", "fr": "note"},
    "web.action.log": {"en": "Log an action", "fr": "Enregistrer une action"},
    "web.action.submit": {"en": "Log the action", "fr": "Enregistrer l'action"},
    "web.action.logged": {"en": "Action logged", "fr": "Action enregistrée"},
    "web.action.contacted": {"en": "contacted", "fr": "contacté"},
    "web.action.briefed": {"en": "briefed", "fr": "briefé"},
    "web.action.gifted": {"en": "gifted", "fr": "cadeau envoyé"},
    "web.action.paid": {"en": "paid", "fr": "rémunéré"},
    "web.action.invited": {"en": "invited", "fr": "invité"},
    "web.action.other": {"en": "other", "fr": "autre"},
    "web.influencers.title": {"en": "Influencers", "fr": "Influenceurs"},
    "web.influencers.board": {"en": "The leaderboard", "fr": "Le classement"},
    "web.filters": {"en": "Filters", "fr": "Filtres"},
    "web.since": {"en": "from", "fr": "du"},
    "web.until": {"en": "to (excluded)", "fr": "au (exclu)"},
    "web.topic": {"en": "topic", "fr": "thème"},
    "web.any": {"en": "any", "fr": "tous"},
    "web.query": {"en": "text query", "fr": "recherche de texte"},
    "web.min_reactors": {"en": "minimum reactors", "fr": "relais minimum"},
    "web.by": {"en": "rank by", "fr": "classer par"},
    "web.person": {"en": "person", "fr": "personne"},
    "web.per_page": {"en": "rows per page", "fr": "lignes par page"},
    "web.apply": {"en": "Apply", "fr": "Appliquer"},
    "web.reset": {"en": "Reset", "fr": "Réinitialiser"},
    "web.csv": {"en": "Export CSV", "fr": "Exporter en CSV"},
    "web.select": {"en": "select", "fr": "choisir"},
    "web.relevance": {"en": "relevance", "fr": "pertinence"},
    "web.trend_of": {"en": "score over time of", "fr": "score dans le temps de"},
    "web.no_rows": {"en": "No account matches these filters.", "fr": "Aucun compte ne correspond à ces filtres."},
    "web.pagination": {"en": "Pages of the leaderboard", "fr": "Pages du classement"},
    "web.first_page": {"en": "First page", "fr": "Première page"},
    "web.next_page": {"en": "Next page", "fr": "Page suivante"},
    "web.no_history": {"en": "No score history is stored yet: einfluence trends draws the sparklines and flags the rising and fading influencers.", "fr": "Aucun historique de score n'est encore enregistré : einfluence trends dessine les courbes et signale les influenceurs en hausse ou en baisse."},
    "web.shortlist": {"en": "Shortlist", "fr": "Sélection"},
    "web.shortlist.help": {"en": "Tick influencers in the leaderboard and save them under a name: the campaign planner and the briefs can target them.", "fr": "Cochez des influenceurs dans le classement et enregistrez-les sous un nom : le planificateur de campagne et les briefs peuvent les cibler."},
    "web.shortlist.name": {"en": "name of the shortlist", "fr": "nom de la sélection"},
    "web.shortlist.save": {"en": "Save the ticked rows", "fr": "Enregistrer les lignes cochées"},
    "web.shortlist.saved": {"en": "Saved:", "fr": "Enregistrée :"},
    "web.shortlist.empty": {"en": "Tick at least one row first.", "fr": "Cochez d'abord au moins une ligne."},
    "web.shortlist.none": {"en": "No saved shortlist yet.", "fr": "Aucune sélection enregistrée pour l'instant."},
    "web.shortlist.saved_lists": {"en": "Saved shortlists (this workspace)", "fr": "Sélections enregistrées (cet espace de travail)"},
    # what produced a result (the API's produced_by.kind)
    "web.kind.score_run": {"en": "score run", "fr": "calcul de score"},
    "web.kind.topic_run": {"en": "topic run", "fr": "calcul de thèmes"},
    "web.kind.community_run": {"en": "community run", "fr": "calcul de communautés"},
    "web.kind.plan": {"en": "plan", "fr": "plan"},
    "web.kind.computation": {"en": "computation", "fr": "calcul"},
    "web.kind.sentiment_model": {"en": "sentiment model", "fr": "modèle de sentiment"},
    # the kinds of interactions and accounts (codes of the data model)
    "interaction.relay": {"en": "relay", "fr": "relais"},
    "interaction.reply": {"en": "reply", "fr": "réponse"},
    "interaction.mention": {"en": "mention", "fr": "mention"},
    "interaction.quote": {"en": "quote", "fr": "citation"},
    "interaction.like": {"en": "like", "fr": "j'aime"},
    "interaction.follow": {"en": "follow", "fr": "abonnement"},
    "interaction.hyperlink": {"en": "hyperlink", "fr": "lien"},
    "interaction.subscription": {"en": "subscription", "fr": "inscription"},
    "account_kind.person": {"en": "person", "fr": "personne"},
    "account_kind.brand": {"en": "brand", "fr": "marque"},
    "account_kind.media": {"en": "media", "fr": "média"},
    "account_kind.blog": {"en": "blog", "fr": "blog"},
    "account_kind.organisation": {"en": "organisation", "fr": "organisation"},
    "account_kind.unknown": {"en": "unknown", "fr": "inconnu"},
    # the server's jobs
    "job.import": {"en": "import", "fr": "import"},
    "job.score": {"en": "score", "fr": "score"},
    "job.topics": {"en": "topics", "fr": "thèmes"},
    "job.topic_leaders": {"en": "topic leaders", "fr": "leaders des thèmes"},
    "job.communities": {"en": "communities", "fr": "communautés"},
    "job.trends": {"en": "trends", "fr": "tendances"},
    "job.plan": {"en": "campaign plan", "fr": "plan de campagne"},
    "job.seeds": {"en": "seeds", "fr": "graines"},
    "job.simulation": {"en": "simulation", "fr": "simulation"},
    "job.brand": {"en": "brand", "fr": "marque"},
    "job.mentions": {"en": "mentions", "fr": "mentions"},
    "job.actions": {"en": "actions", "fr": "actions"},
    "job.action_update": {"en": "action changed", "fr": "action modifiée"},
    "job.action_delete": {"en": "action removed", "fr": "action supprimée"},
    "job.shortlist": {"en": "shortlist saved", "fr": "sélection enregistrée"},
    "job.shortlist_delete": {"en": "shortlist removed", "fr": "sélection supprimée"},
    "job.report": {"en": "report", "fr": "rapport"},
    "job.sentiment_train": {"en": "sentiment model", "fr": "modèle de sentiment"},
    "job.opinion settle": {"en": "opinion: where it settles", "fr": "opinion : où elle se stabilise"},
    "job.opinion tipping": {"en": "opinion: tipping point", "fr": "opinion : point de bascule"},
    "job.opinion convert": {"en": "opinion: whom to convert", "fr": "opinion : qui convertir"},
    # the server's words for a target and a plan, as the pages show them
    "web.target.everyone": {"en": "everyone", "fr": "tout le monde"},
    "web.target.community": {"en": "community {c}", "fr": "communauté {c}"},
    "web.target.community_run": {"en": "community {c} (community run #{r})", "fr": "communauté {c} (calcul de communautés n° {r})"},
    "web.target.audience": {"en": "audience of topic {t}: {name}", "fr": "audience du thème {t} : {name}"},
    "web.target.shortlist": {"en": "shortlist '{name}' ({n} accounts)", "fr": "sélection « {name} » ({n} comptes)"},
    "web.target.accounts": {"en": "{n} accounts", "fr": "{n} comptes"},
    "web.target.file": {"en": "accounts of {name}", "fr": "comptes de {name}"},
    "web.plan.how.targeted": {"en": "einfluence plan: {n} influencers chosen by budgeted IMM", "fr": "plan einfluence : {n} influenceurs choisis par IMM sous budget"},
    "web.plan.how.blanket": {"en": "every {kind} account ({n})", "fr": "tous les comptes de type {kind} ({n})"},
    "web.plan.how.top_audience": {"en": "largest audiences first, within the budget", "fr": "les plus grandes audiences d'abord, dans le budget"},
    "web.plan.how.top_score": {"en": "highest einfluence scores first, within the budget", "fr": "les meilleurs scores einfluence d'abord, dans le budget"},
    "web.exposure.reaction": {"en": "reaction", "fr": "réaction"},
    "web.exposure.follow": {"en": "follow", "fr": "abonnement"},
    "web.shortlist.by": {"en": "saved by", "fr": "enregistrée par"},
    "web.shortlist.accounts": {"en": "accounts", "fr": "comptes"},
    "web.remove": {"en": "Remove", "fr": "Supprimer"},
    # the stages of long work (see STAGES): the English is the text the work reports itself
    "progress.write_world": {"en": "writing the world", "fr": "écriture du monde"},
    "progress.write_format": {"en": "writing the {format} file", "fr": "écriture du fichier {format}"},
    "progress.write_file": {"en": "writing {file}", "fr": "écriture de {file}"},
    "progress.check_file": {"en": "checking {file}", "fr": "vérification de {file}"},
    "progress.read": {"en": "reading", "fr": "lecture"},
    "progress.read_feeds": {"en": "reading feeds", "fr": "lecture des flux"},
    "progress.read_gml": {"en": "reading GML", "fr": "lecture du GML"},
    "progress.read_graphml": {"en": "reading GraphML", "fr": "lecture du GraphML"},
    "progress.read_statuses": {"en": "reading statuses", "fr": "lecture des statuts"},
    "progress.read_posts": {"en": "reading posts", "fr": "lecture des messages"},
    "progress.read_tweets": {"en": "reading tweets", "fr": "lecture des tweets"},
    "progress.read_texts": {"en": "reading the posts' texts", "fr": "lecture des textes des messages"},
    "progress.read_population": {"en": "reading the population", "fr": "lecture de la population"},
    "progress.read_perception": {"en": "reading the brands' perception", "fr": "lecture de la perception des marques"},
    "progress.read_outcomes": {"en": "reading the campaign's outcomes", "fr": "lecture des résultats de la campagne"},
    "progress.read_trees": {"en": "reading {name} trees", "fr": "lecture des arbres de {name}"},
    "progress.read_file": {"en": "reading {file}", "fr": "lecture de {file}"},
    "progress.follow_funnel": {"en": "following the advocacy funnel", "fr": "suivi de l'entonnoir de recommandation"},
    "progress.lay_out_map": {"en": "laying out the map", "fr": "placement de la carte"},
    "progress.explain_shortlist": {"en": "explaining the shortlisted accounts", "fr": "explication des comptes sélectionnés"},
    "progress.fit_all_folds": {"en": "fitting on every fold", "fr": "ajustement sur tous les plis"},
    "progress.fold_inputs": {"en": "fold {n_fold} of {n_of}: inputs before the cut", "fr": "pli {n_fold} sur {n_of} : entrées avant la coupure"},
    "progress.fold_fit": {"en": "fold {n_fold}: fitting on the {n} fold(s) before it", "fr": "pli {n_fold} : ajustement sur le(s) {n} pli(s) précédent(s)"},
    "progress.train": {"en": "training on {n} texts", "fr": "entraînement sur {n} textes"},
    "progress.checksum": {"en": "checksum", "fr": "empreinte des fichiers"},
    "progress.store": {"en": "storing", "fr": "enregistrement"},
    "progress.influence_graph": {"en": "building the influence graph", "fr": "construction du graphe d'influence"},
    "progress.choose_seeds": {"en": "choosing seeds (IMM)", "fr": "choix des graines (IMM)"},
    "progress.choose_influencers": {"en": "choosing the influencers (IMM)", "fr": "choix des influenceurs (IMM)"},
    "progress.simulate_each": {"en": "simulating {n} cascades from each of {n_accounts} accounts", "fr": "simulation de {n} cascades depuis chacun des {n_accounts} comptes"},
    "progress.simulate_spark": {"en": "simulating {n} cascades on Spark", "fr": "simulation de {n} cascades sur Spark"},
    "progress.simulate": {"en": "simulating {n} cascades", "fr": "simulation de {n} cascades"},
    "progress.simulate_plans": {"en": "simulating the plans", "fr": "simulation des plans"},
    "progress.overlap": {"en": "measuring each influencer alone (overlap)", "fr": "mesure de chaque influenceur seul (recouvrement)"},
    "progress.load_graph": {"en": "loading the interaction graph", "fr": "chargement du graphe des interactions"},
    "progress.store_communities": {"en": "storing the community run", "fr": "enregistrement du calcul de communautés"},
    "progress.describe_communities": {"en": "describing the communities", "fr": "description des communautés"},
    "progress.leiden": {"en": "finding communities (Leiden) among {n} accounts", "fr": "recherche des communautés (Leiden) parmi {n} comptes"},
    "progress.propagation_spark": {"en": "finding communities (label propagation on Spark) among {n} accounts", "fr": "recherche des communautés (propagation d'étiquettes sur Spark) parmi {n} comptes"},
    "progress.demo_world": {"en": "generating the demo world", "fr": "génération du monde de démonstration"},
    "progress.choose_advocates": {"en": "choosing {n} advocates (lazy greedy, Friedkin-Johnsen)", "fr": "choix de {n} ambassadeurs (glouton paresseux, Friedkin-Johnsen)"},
    "progress.top_scored": {"en": "the top-scored influencers", "fr": "les influenceurs les mieux notés"},
    "progress.tipping_community": {"en": "tipping point of community {c} ({n} accounts, {model})", "fr": "point de bascule de la communauté {c} ({n} comptes, {model})"},
    "progress.tipping_everyone": {"en": "tipping point of everyone ({n} accounts, {model})", "fr": "point de bascule de tous ({n} comptes, {model})"},
    "progress.opinion_nothing": {"en": "{model}: nothing done", "fr": "{model} : sans action"},
    "progress.opinion_converted": {"en": "{model}: converted", "fr": "{model} : avec les convertis"},
    "progress.find_brands": {"en": "finding {n_brands} brands in {n} posts", "fr": "recherche de {n_brands} marques dans {n} messages"},
    "progress.sentiment": {"en": "scoring the sentiment of each mention towards its brand", "fr": "sentiment de chaque mention envers sa marque"},
    "progress.store_run": {"en": "storing the run", "fr": "enregistrement du calcul"},
    "progress.load_span": {"en": "loading the interactions of the whole span", "fr": "chargement des interactions de toute la période"},
    "progress.score_windows": {"en": "scoring the windows", "fr": "calcul du score de chaque fenêtre"},
    "progress.store_history": {"en": "storing the history runs", "fr": "enregistrement des calculs de l'historique"},
    "progress.load_split": {"en": "loading the early and late windows", "fr": "chargement des fenêtres d'avant et d'après"},
    "progress.compare_measures": {"en": "computing and comparing the measures", "fr": "calcul et comparaison des mesures"},
    "progress.store_calibration": {"en": "storing the calibration", "fr": "enregistrement de l'étalonnage"},
    "progress.score_spark": {"en": "computing the score on Spark", "fr": "calcul du score sur Spark"},
    "progress.score": {"en": "computing the score", "fr": "calcul du score"},
    "progress.find_topics": {"en": "finding topics in {n} posts", "fr": "recherche des thèmes dans {n} messages"},
    "progress.store_topics": {"en": "storing the topic run", "fr": "enregistrement du calcul de thèmes"},
    "progress.score_topics": {"en": "scoring each topic", "fr": "score de chaque thème"},
    "progress.score_topics_split": {"en": "scoring each topic on both windows", "fr": "score de chaque thème sur les deux fenêtres"},
    # an importer's error: where (file, line, field) and why (see REASONS)
    "input.file": {"en": "File {file}", "fr": "Fichier {file}"},
    "input.line": {"en": "line {line}", "fr": "ligne {line}"},
    "input.field": {"en": "field {field}", "fr": "champ {field}"},
    "input.colon": {"en": ": ", "fr": " : "},
    "input.time": {"en": "not a valid time (expected ISO 8601 or Unix seconds)", "fr": "date non valide (ISO 8601 ou secondes Unix attendues)"},
    "input.integer": {"en": "not an integer", "fr": "pas un entier"},
    "input.number": {"en": "not a number", "fr": "pas un nombre"},
    "input.finite": {"en": "not a finite number", "fr": "pas un nombre fini"},
    "input.json_object": {"en": "not a JSON object", "fr": "pas un objet JSON"},
    "input.missing": {"en": "missing value", "fr": "valeur manquante"},
    "input.kind": {"en": "unknown kind (expected one of {expected})", "fr": "type inconnu (valeurs possibles : {expected})"},
    "input.kind_named": {"en": "unknown kind {kind} (expected one of {expected})", "fr": "type inconnu {kind} (valeurs possibles : {expected})"},
    "input.column": {"en": "unknown column (the {table} table has: {columns})", "fr": "colonne inconnue (colonnes de la table {table} : {columns})"},
    "input.columns": {"en": "unknown column(s) {columns}", "fr": "colonne(s) inconnue(s) {columns}"},
    "input.required_table": {"en": "required column missing from the {table} table", "fr": "colonne obligatoire absente de la table {table}"},
    "input.required": {"en": "required column is missing", "fr": "colonne obligatoire absente"},
    "input.length": {"en": "column has {n} values, expected {n_expected}", "fr": "la colonne a {n} valeurs au lieu de {n_expected}"},
    "input.no_file": {"en": "no such file or directory", "fr": "fichier ou dossier introuvable"},
    "input.not_file": {"en": "not a regular file", "fr": "pas un fichier ordinaire"},
    "input.utf8_byte": {"en": "not valid UTF-8 text (byte {n} of the line)", "fr": "texte UTF-8 non valide (octet {n} de la ligne)"},
    "input.utf8": {"en": "not valid UTF-8 text", "fr": "texte UTF-8 non valide"},
    "input.compressed_after": {"en": "corrupt or truncated compressed data after line {n}{detail}", "fr": "données compressées corrompues ou tronquées après la ligne {n}{detail}"},
    "input.compressed": {"en": "corrupt or truncated compressed data{detail}", "fr": "données compressées corrompues ou tronquées{detail}"},
    "input.empty_csv": {"en": "empty file: expected a header line", "fr": "fichier vide : une ligne d'en-tête est attendue"},
    "input.fields": {"en": "wrong number of fields ({detail})", "fr": "nombre de champs incorrect ({detail})"},
    "input.json": {"en": "malformed JSON: {detail}", "fr": "JSON mal formé : {detail}"},
    "input.json_depth": {"en": "JSON nested too deeply (over {n} levels of arrays and objects)", "fr": "JSON trop imbriqué (plus de {n} niveaux de tableaux et d'objets)"},
    "input.whitespace_fields": {"en": "expected {n_fields} whitespace-separated fields ({fields}), found {n}", "fr": "{n_fields} champs séparés par des espaces attendus ({fields}), {n} trouvé(s)"},
    "input.whitespace_fields_or": {"en": "expected {n_fields} or {n_more} whitespace-separated fields ({fields}), found {n}", "fr": "{n_fields} ou {n_more} champs séparés par des espaces attendus ({fields}), {n} trouvé(s)"},
    "input.whitespace_fields_or_hint": {"en": "expected {n_fields} or {n_more} whitespace-separated fields ({fields}), found {n} (if the first line is a header such as 'nodes edges', pass header=True / --header)", "fr": "{n_fields} ou {n_more} champs séparés par des espaces attendus ({fields}), {n} trouvé(s) (si la première ligne est un en-tête comme « nodes edges », indiquez header=True / --header)"},
    "input.whitespace_fields_hint": {"en": "expected {n_fields} whitespace-separated fields ({fields}), found {n} (if the first line is a header such as 'nodes edges', pass header=True / --header)", "fr": "{n_fields} champs séparés par des espaces attendus ({fields}), {n} trouvé(s) (si la première ligne est un en-tête comme « nodes edges », indiquez header=True / --header)"},
    "input.record_size": {"en": "record of {n} bytes: longer than the {n_max} bytes a record may hold", "fr": "enregistrement de {n} octets : plus long que les {n_max} octets permis"},
    "input.which_table": {"en": "cannot tell which table the file holds: its name must start with 'accounts', 'posts' or 'interactions' (or pass --table)", "fr": "impossible de savoir quelle table contient le fichier : son nom doit commencer par « accounts », « posts » ou « interactions » (ou précisez la table)"},
    "input.file_type": {"en": "unknown file type {suffix}: expected .csv, .jsonl or .parquet (optionally .gz)", "fr": "type de fichier inconnu {suffix} : .csv, .jsonl ou .parquet attendu (éventuellement .gz)"},
    "input.no_table_file": {"en": "folder holds no accounts*, posts* or interactions* file", "fr": "le dossier ne contient aucun fichier accounts*, posts* ou interactions*"},
}



def _patterns(pairs: tuple[tuple[str, str], ...]) -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(pattern), key) for pattern, key in pairs)


#: the workspace's words for targets and plans (:mod:`einfluence.workspace.campaigns`), English
#: text matched whole, each with the catalogue key that says it in another language
SERVER_TEXTS = _patterns((
    (r"^everyone$", "web.target.everyone"),
    (r"^community (?P<c>\d+)$", "web.target.community"),
    (r"^community (?P<c>\d+) \(community run #(?P<r>\d+)\)$", "web.target.community_run"),
    (r"^audience of topic (?P<t>\d+): (?P<name>.*)$", "web.target.audience"),
    (r"^shortlist '(?P<name>.*)' \((?P<n>\d+) accounts\)$", "web.target.shortlist"),
    (r"^(?P<n>\d+) accounts$", "web.target.accounts"),
    (r"^accounts of (?P<name>.*)$", "web.target.file"),
    (r"^einfluence plan: (?P<n>\d+) influencers chosen by budgeted IMM$", "web.plan.how.targeted"),
    (r"^every (?P<kind>\S+) account \((?P<n>\d+)\)$", "web.plan.how.blanket"),
    (r"^largest audiences first, within the budget$", "web.plan.how.top_audience"),
    (r"^highest einfluence scores first, within the budget$", "web.plan.how.top_score"),
))

_N = r"(?P<n>[\d,]+)"
#: the stages of long work (the descriptions the workspace, the importers and the reports give
#: their progress, which the command line prints as they are), each with its catalogue key; the
#: first pattern that matches wins; groups named ``n`` or ``n_...`` are numbers
STAGES = _patterns((
    (r"^writing the world$", "progress.write_world"),
    (r"^writing the (?P<format>[A-Z]+) file$", "progress.write_format"),
    (r"^writing (?P<file>.+)$", "progress.write_file"),
    (r"^checking (?P<file>.+)$", "progress.check_file"),
    (r"^reading$", "progress.read"),
    (r"^reading feeds$", "progress.read_feeds"),
    (r"^reading GML$", "progress.read_gml"),
    (r"^reading GraphML$", "progress.read_graphml"),
    (r"^reading statuses$", "progress.read_statuses"),
    (r"^reading posts$", "progress.read_posts"),
    (r"^reading tweets$", "progress.read_tweets"),
    (r"^reading the posts' texts$", "progress.read_texts"),
    (r"^reading the population$", "progress.read_population"),
    (r"^reading the brands' perception$", "progress.read_perception"),
    (r"^reading the campaign's outcomes$", "progress.read_outcomes"),
    (r"^reading (?P<name>.+) trees$", "progress.read_trees"),
    (r"^reading (?P<file>.+)$", "progress.read_file"),
    (r"^following the advocacy funnel$", "progress.follow_funnel"),
    (r"^laying out the map$", "progress.lay_out_map"),
    (r"^explaining the shortlisted accounts$", "progress.explain_shortlist"),
    (r"^fitting on every fold$", "progress.fit_all_folds"),
    (r"^fold (?P<n_fold>\d+) of (?P<n_of>\d+): inputs before the cut$", "progress.fold_inputs"),
    (r"^fold (?P<n_fold>\d+): fitting on the (?P<n>\d+) fold\(s\) before it$", "progress.fold_fit"),
    (rf"^training on {_N} texts$", "progress.train"),
    (r"^checksum$", "progress.checksum"),
    (r"^storing$", "progress.store"),
    (r"^building the influence graph$", "progress.influence_graph"),
    (r"^choosing seeds \(IMM\)$", "progress.choose_seeds"),
    (r"^choosing the influencers \(IMM\)$", "progress.choose_influencers"),
    (rf"^simulating {_N} cascades from each of (?P<n_accounts>[\d,]+) accounts$", "progress.simulate_each"),
    (rf"^simulating {_N} cascades on Spark$", "progress.simulate_spark"),
    (rf"^simulating {_N} cascades$", "progress.simulate"),
    (r"^simulating the plans$", "progress.simulate_plans"),
    (r"^measuring each influencer alone \(overlap\)$", "progress.overlap"),
    (r"^loading the interaction graph$", "progress.load_graph"),
    (r"^storing the community run$", "progress.store_communities"),
    (r"^describing the communities$", "progress.describe_communities"),
    (rf"^finding communities \(Leiden\) among {_N} accounts$", "progress.leiden"),
    (rf"^finding communities \(label propagation on Spark\) among {_N} accounts$", "progress.propagation_spark"),
    (r"^generating the demo world$", "progress.demo_world"),
    (rf"^choosing {_N} advocates \(lazy greedy, Friedkin-Johnsen\)$", "progress.choose_advocates"),
    (r"^the top-scored influencers$", "progress.top_scored"),
    (rf"^tipping point of community (?P<c>\d+) \({_N} accounts, (?P<model>[^)]+)\)$", "progress.tipping_community"),
    (rf"^tipping point of everyone \({_N} accounts, (?P<model>[^)]+)\)$", "progress.tipping_everyone"),
    (r"^(?P<model>[\w-]+): nothing done$", "progress.opinion_nothing"),
    (r"^(?P<model>[\w-]+): converted$", "progress.opinion_converted"),
    (rf"^finding (?P<n_brands>[\d,]+) brands in {_N} posts$", "progress.find_brands"),
    (r"^scoring the sentiment of each mention towards its brand$", "progress.sentiment"),
    (r"^storing the run$", "progress.store_run"),
    (r"^loading the interactions of the whole span$", "progress.load_span"),
    (r"^scoring the windows$", "progress.score_windows"),
    (r"^storing the history runs$", "progress.store_history"),
    (r"^loading the early and late windows$", "progress.load_split"),
    (r"^computing and comparing the measures$", "progress.compare_measures"),
    (r"^storing the calibration$", "progress.store_calibration"),
    (r"^computing the score on Spark$", "progress.score_spark"),
    (r"^computing the score$", "progress.score"),
    (rf"^finding topics in {_N} posts$", "progress.find_topics"),
    (r"^storing the topic run$", "progress.store_topics"),
    (r"^scoring each topic$", "progress.score_topics"),
    (r"^scoring each topic on both windows$", "progress.score_topics_split"),
))

#: the reasons of the common import errors (an :class:`~einfluence.exceptions.InputError`'s
#: message, without its file, line and field), each with its catalogue key; a reason may end with
#: the value at fault (``: 'abc'``, group ``value``), shown as the file holds it
_VALUE = r"(?:: (?P<value>.*))?"
_HINT = r" \(if the first line is a header such as 'nodes edges', pass header=True / --header\)"
REASONS = _patterns((
    (rf"^not a valid time \(expected ISO 8601 or Unix seconds\){_VALUE}$", "input.time"),
    (rf"^not an integer{_VALUE}$", "input.integer"),
    (rf"^not a number{_VALUE}$", "input.number"),
    (rf"^not a finite number{_VALUE}$", "input.finite"),
    (rf"^not a JSON object{_VALUE}$", "input.json_object"),
    (rf"^missing value{_VALUE}$", "input.missing"),
    (rf"^unknown kind \(expected one of (?P<expected>[^)]*)\){_VALUE}$", "input.kind"),
    (r"^unknown kind (?P<kind>'[^']*') \(expected one of (?P<expected>[^)]*)\)$", "input.kind_named"),
    (r"^unknown column \(the (?P<table>\w+) table has: (?P<columns>[^)]*)\)$", "input.column"),
    (r"^unknown column\(s\) (?P<columns>.*)$", "input.columns"),
    (r"^required column missing from the (?P<table>\w+) table$", "input.required_table"),
    (r"^required column is missing$", "input.required"),
    (r"^column has (?P<n>\d+) values, expected (?P<n_expected>\d+)$", "input.length"),
    (r"^no such file or directory$", "input.no_file"),
    (r"^not a regular file$", "input.not_file"),
    (r"^not valid UTF-8 text \(byte (?P<n>\d+) of the line\)$", "input.utf8_byte"),
    (r"^not valid UTF-8 text$", "input.utf8"),
    (r"^corrupt or truncated compressed data after line (?P<n>\d+)(?P<detail> \(.*\))?$", "input.compressed_after"),
    (r"^corrupt or truncated compressed data(?P<detail> \(.*\))?$", "input.compressed"),
    (r"^empty file: expected a header line$", "input.empty_csv"),
    (r"^wrong number of fields \((?P<detail>.*)\)$", "input.fields"),
    (r"^malformed JSON: (?P<detail>.*)$", "input.json"),
    (r"^JSON nested too deeply \(over (?P<n>\d+) levels of arrays and objects\)$", "input.json_depth"),
    (r"^expected (?P<n_fields>\d+) or (?P<n_more>\d+) whitespace-separated fields \((?P<fields>[^)]*)\), found "
     rf"(?P<n>\d+){_HINT}$", "input.whitespace_fields_or_hint"),
    (r"^expected (?P<n_fields>\d+) or (?P<n_more>\d+) whitespace-separated fields \((?P<fields>[^)]*)\), found "
     r"(?P<n>\d+)$", "input.whitespace_fields_or"),
    (rf"^expected (?P<n_fields>\d+) whitespace-separated fields \((?P<fields>[^)]*)\), found (?P<n>\d+){_HINT}$",
     "input.whitespace_fields_hint"),
    (r"^expected (?P<n_fields>\d+) whitespace-separated fields \((?P<fields>[^)]*)\), found (?P<n>\d+)$",
     "input.whitespace_fields"),
    (r"^record of (?P<n>[\d,]+) bytes: longer than the (?P<n_max>[\d,]+) bytes a record may hold$",
     "input.record_size"),
    (r"^cannot tell which table the file holds: its name must start with 'accounts', 'posts' or 'interactions' "
     r"\(or pass --table\)$", "input.which_table"),
    (r"^unknown file type (?P<suffix>'[^']*'): expected \.csv, \.jsonl or \.parquet \(optionally \.gz\)$",
     "input.file_type"),
    (r"^folder holds no accounts\*, posts\* or interactions\* file$", "input.no_table_file"),
))


def _numeric(name: str) -> bool:
    return name == "n" or name.startswith("n_")


def _parts(patterns: tuple[tuple[re.Pattern[str], str], ...], text: Any) -> tuple[str, dict[str, Any]] | None:
    value = "" if text is None else str(text)
    for pattern, key in patterns:
        found = pattern.match(value)
        if found:
            return key, {k: (int(v.replace(",", "")) if _numeric(k) else v) for k, v in found.groupdict().items()
                         if v is not None}
    return None


def _say(key: str, values: dict[str, Any], lang: str) -> str:
    shown = {k: number(v, lang) if _numeric(k) else v for k, v in values.items()}
    return label(key, lang).format_map(_Blank(shown))


class _Blank(dict):
    """Values for :meth:`str.format_map`: an optional part that did not match is empty."""

    def __missing__(self, key: str) -> str:
        return ""


def code_label(prefix: str, code: Any, lang: str = "en") -> str:
    """A code of the data or the server (an account's kind, a job's, a selection method...) in
    words, or the code itself when the catalogue has no words for it.

    Examples
    --------
    >>> code_label("account_kind.", "media", "fr"), code_label("account_kind.", "robot", "fr")
    ('média', 'robot')
    """
    key = f"{prefix}{code}"
    return label(key, lang) if key in MESSAGES else str(code)


def server_text(text: Any, lang: str = "en") -> str:
    """A target's or a plan's description as the workspace writes it (English), in ``lang``;
    text of another form is shown as it is.

    Examples
    --------
    >>> server_text("community 3 (community run #2)", "fr")
    'communauté 3 (calcul de communautés n° 2)'
    >>> server_text("every blog account (12)", "fr")
    'tous les comptes de type blog (12)'
    >>> server_text("largest audiences first, within the budget", "en")
    'largest audiences first, within the budget'
    """
    value = "" if text is None else str(text)
    found = None if lang == "en" else _parts(SERVER_TEXTS, value)
    if found is None:
        return value
    key, values = found
    if "kind" in values:
        values["kind"] = code_label("account_kind.", values["kind"], lang)
    # the ids of communities, runs and topics are names, not quantities: only counts are grouped
    return label(key, lang).format(**{k: number(v, lang) if k == "n" else str(v) for k, v in values.items()})


def stage_parts(text: Any) -> tuple[str, dict[str, Any]] | None:
    """The catalogue key of a stage of long work and its values (numbers as ints), or None for
    a text of another form.

    Examples
    --------
    >>> stage_parts("simulating 2,000 cascades")
    ('progress.simulate', {'n': 2000})
    >>> stage_parts("reading edges.txt")
    ('progress.read_file', {'file': 'edges.txt'})
    >>> stage_parts("something else") is None
    True
    """
    return _parts(STAGES, text)


def stage_text(text: Any, lang: str = "en") -> str:
    """A stage of long work (as the work reports it, in English) in ``lang``; a text of another
    form is shown as it is.

    Examples
    --------
    >>> stage_text("simulating 2,000 cascades", "fr")
    'simulation de 2\u202f000 cascades'
    >>> stage_text("simulating 2,000 cascades", "en")
    'simulating 2,000 cascades'
    """
    value = "" if text is None else str(text)
    found = None if lang == "en" else stage_parts(value)
    return value if found is None else _say(*found, lang)


def reason_parts(text: Any) -> tuple[str, dict[str, Any]] | None:
    """The catalogue key of an import error's reason and its values, or None for a reason of
    another form.

    Examples
    --------
    >>> reason_parts("not an integer: 'x'")
    ('input.integer', {'value': "'x'"})
    """
    return _parts(REASONS, text)


def reason_text(text: Any, lang: str = "en") -> str:
    """An import error's reason in ``lang`` (the value at fault as the file holds it); a reason
    of another form is shown as it is.

    Examples
    --------
    >>> reason_text("missing value", "fr")
    'valeur manquante'
    >>> reason_text("not a valid time (expected ISO 8601 or Unix seconds): 'soon'", "fr")
    "date non valide (ISO 8601 ou secondes Unix attendues) : 'soon'"
    """
    value = "" if text is None else str(text)
    found = None if lang == "en" else reason_parts(value)
    if found is None:
        return value
    key, values = found
    shown = values.pop("value", None)
    return _say(key, values, lang) + ("" if shown is None else label("input.colon", lang) + shown)


def input_error_text(reason: Any, lang: str = "en", *, file: str | None = None, line: int | None = None,
                     field: str | None = None) -> str:
    """An import error as a reader of ``lang`` reads it: where (file, line, field), then why.

    Examples
    --------
    >>> input_error_text("missing value", "fr", file="posts.csv", line=3, field="id")
    'Fichier posts.csv, ligne 3, champ id : valeur manquante'
    >>> input_error_text("missing value", "en", file="posts.csv", field="id")
    'File posts.csv, field id: missing value'
    """
    where = input_error_where(lang, file=file, line=line, field=field)
    why = reason_text(reason, lang)
    return where + label("input.colon", lang) + why if where else why


def input_error_where(lang: str = "en", *, file: str | None = None, line: int | None = None,
                      field: str | None = None) -> str:
    """Where an import error is, as a reader of ``lang`` reads it (``""`` when nothing is known).

    Examples
    --------
    >>> input_error_where("fr", file="a.csv", line=12)
    'Fichier a.csv, ligne 12'
    """
    return ", ".join(label(key, lang).format(**{name: value}) for key, name, value in (
        ("input.file", "file", file), ("input.line", "line", line), ("input.field", "field", field))
        if value not in (None, ""))


def number(value: float | None, lang: str = "en", digits: int = 0) -> str:
    """A number as a reader of ``lang`` writes it (``12,345.6``; ``12 345,6`` in French); a dash
    for a missing or undefined value.

    Examples
    --------
    >>> number(12345.678, "en", 1), number(12345.678, "fr", 1), number(None)
    ('12,345.7', '12\u202f345,7', '–')
    """
    if value is None or value != value:
        return "–"
    text = f"{value:,.{digits}f}"
    if lang == "fr":
        text = text.replace(",", "\u202f").replace(".", ",")
    return text


def percent(value: float | None, lang: str = "en", digits: int = 0) -> str:
    """A share as a percentage (``42%``; ``42 %`` in French).

    Examples
    --------
    >>> percent(0.4217), percent(0.4217, "fr", 1)
    ('42%', '42,2\u202f%')
    """
    if value is None or value != value:
        return "–"
    return number(100 * value, lang, digits) + ("\u202f%" if lang == "fr" else "%")


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
