"""The words einfluence shows people, in English and French.

One catalogue for every interface that speaks to a reader (figures, reports, the dashboard):
:func:`label` gives a key's text in a language, falling back to English and then to the key
itself, so that a missing translation never breaks a page.
"""

from __future__ import annotations

__all__ = ["LANGUAGES", "MESSAGES", "check_lang", "label", "number", "percent"]

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
    "web.map.accounts": {"en": "accounts drawn", "fr": "comptes dessinés"},
    "web.map.view": {"en": "view", "fr": "vue"},
    "web.map.view.accounts": {"en": "accounts", "fr": "comptes"},
    "web.map.view.communities": {"en": "communities (aggregated)", "fr": "communautés (agrégées)"},
    "web.map.label": {"en": "Network map of the communities; the table below gives the same communities, leaders and brokers", "fr": "Carte du réseau des communautés ; le tableau ci-dessous donne les mêmes communautés, leaders et passeurs"},
    "web.map.loading": {"en": "Loading the map…", "fr": "Chargement de la carte…"},
    "web.map.drawn": {"en": "{nodes} accounts and {edges} ties drawn.", "fr": "{nodes} comptes et {edges} liens dessinés."},
    "web.map.legend": {"en": "Legend of the map", "fr": "Légende de la carte"},
    "web.map.help": {"en": "Scroll to zoom, drag to move, hover an account for its name, click it for its profile. Beyond the accounts drawn, the most influential ones are shown; the communities view aggregates them.", "fr": "Molette pour zoomer, glisser pour déplacer, survol pour le nom, clic pour le profil. Au-delà des comptes dessinés, les plus influents sont montrés ; la vue communautés les agrège."},
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
    "web.shortlist.none": {"en": "No saved shortlist in this browser.", "fr": "Aucune sélection enregistrée dans ce navigateur."},
    "web.shortlist.saved_lists": {"en": "Saved shortlists (this browser)", "fr": "Sélections enregistrées (ce navigateur)"},
    "web.remove": {"en": "Remove", "fr": "Supprimer"},
}


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
