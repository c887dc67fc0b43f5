"""The catalogue's words for the errors of the importers of one format (Twitter v2 and the
Twitter15/16 trees, Mastodon, RSS/Atom feeds, GML), written as :class:`~einfluence.i18n.Reason`
texts where the importer finds the error; the reasons common to every format are in
:mod:`~einfluence.i18n.words_work`. ``found`` is a value as the file holds it; ``type`` the
name of a JSON type; ``key_name``, ``name`` and quoted forms are typed as they are."""

from __future__ import annotations

#: key -> {language: text}
WORDS: dict[str, dict[str, str]] = {
    # JSON API exports (Twitter v2, Mastodon): which object, then why
    "input.json.at": {"en": "{what}: {reason}", "fr": "{what}\u00a0: {reason}"},
    "input.json.tweet": {"en": "tweet", "fr": "tweet"},
    "input.json.status": {"en": "status", "fr": "statut"},
    "input.json.top": {"en": "top-level value", "fr": "valeur de premier niveau"},
    "input.json.record": {"en": "{name} record {index}", "fr": "enregistrement {index} de {name}"},
    "input.json.reblog": {"en": "{what} (reblog)", "fr": "{what} (partage)"},
    "input.json.required": {"en": "required field is missing", "fr": "champ obligatoire absent"},
    "input.json.type": {"en": "expected {expected}, found {type} {found}", "fr": "{expected} attendu, {type} {found} trouvé"},
    "input.json.or": {"en": "{first} or {second}", "fr": "{first} ou {second}"},
    "input.json.iso_type": {"en": "expected an ISO 8601 string, found {found}", "fr": "chaîne ISO 8601 attendue, {found} trouvé"},
    "input.json.iso": {"en": "not an ISO 8601 date-time: {found}", "fr": "date-heure ISO 8601 non valide\u00a0: {found}"},
    # Twitter API v2
    "input.twitter.empty_id": {"en": "empty identifier", "fr": "identifiant vide"},
    "input.twitter.tweets": {"en": "expected a list of tweets, found {type}", "fr": "liste de tweets attendue, {type} trouvé"},
    "input.twitter.tweet": {"en": "expected a tweet object, found {type}", "fr": "objet tweet attendu, {type} trouvé"},
    "input.twitter.json_object": {"en": "expected a JSON object, found {type}", "fr": "objet JSON attendu, {type} trouvé"},
    "input.twitter.object": {"en": "expected an object", "fr": "objet attendu"},
    "input.twitter.users": {"en": "expected a list of users", "fr": "liste d'utilisateurs attendue"},
    "input.twitter.user": {"en": "expected a user object", "fr": "objet utilisateur attendu"},
    "input.twitter.reference": {"en": "referenced tweet {index}: expected an object", "fr": "tweet référencé {index}\u00a0: objet attendu"},
    "input.twitter.reference_type": {"en": "unknown referenced tweet type {type} (expected one of {expected})", "fr": "type de tweet référencé inconnu {type} (valeurs possibles\u00a0: {expected})"},
    "input.twitter.mention": {"en": "mention {index}: expected an object", "fr": "mention {index}\u00a0: objet attendu"},
    "input.twitter.mention_empty": {"en": "mention {index} has neither id nor username", "fr": "la mention {index} n'a ni id ni username"},
    # Twitter15/16 propagation trees
    "input.trees.not_dataset": {"en": "expected a dataset folder (twitter15, twitter16, or their parent) or a <name>_tree.tar.gz archive", "fr": "dossier de jeu de données attendu (twitter15, twitter16 ou leur parent) ou archive <nom>_tree.tar.gz"},
    "input.trees.no_tree": {"en": "no tree/ folder and no {name}_tree.tar.gz in or beside the folder", "fr": "ni dossier tree/ ni {name}_tree.tar.gz dans le dossier ou à côté"},
    "input.trees.no_source": {"en": "no source_tweets.txt here nor in a sub-folder (expected a Twitter15/16 dataset folder or their parent)", "fr": "aucun source_tweets.txt ici ni dans un sous-dossier (dossier de jeu de données Twitter15/16 ou leur parent attendu)"},
    "input.trees.file_name": {"en": "tree file name is not a tweet id", "fr": "le nom du fichier d'arbre n'est pas un identifiant de tweet"},
    "input.trees.archive": {"en": "corrupt or truncated archive ({detail})", "fr": "archive corrompue ou tronquée ({detail})"},
    "input.trees.text_line": {"en": "expected 'tweet_id<TAB>text'", "fr": "« tweet_id<TAB>text » attendu"},
    "input.trees.tweet_id": {"en": "not a tweet id: {found}", "fr": "pas un identifiant de tweet\u00a0: {found}"},
    "input.trees.label_line": {"en": "expected 'label:tweet_id'", "fr": "« label:tweet_id » attendu"},
    "input.trees.empty_label": {"en": "empty label", "fr": "étiquette vide"},
    "input.trees.edge_line": {"en": "expected ['uid', 'tweet_id', 'delay']->['uid', 'tweet_id', 'delay']", "fr": "« ['uid', 'tweet_id', 'delay']->['uid', 'tweet_id', 'delay'] » attendu"},
    "input.trees.user_id": {"en": "not a user id: {found}", "fr": "pas un identifiant d'utilisateur\u00a0: {found}"},
    "input.trees.delay": {"en": "not a delay in minutes: {found}", "fr": "pas un délai en minutes\u00a0: {found}"},
    "input.trees.no_root": {"en": "tree has no ROOT line", "fr": "l'arbre n'a pas de ligne ROOT"},
    "input.trees.roots": {"en": "tree has several ROOT lines", "fr": "l'arbre a plusieurs lignes ROOT"},
    # Mastodon API exports
    "input.mastodon.account": {"en": "expected an Account object, found {type}", "fr": "objet Account attendu, {type} trouvé"},
    "input.mastodon.instance": {"en": "cannot tell the instance of local account {acct} (no url)", "fr": "impossible de savoir l'instance du compte local {acct} (pas d'url)"},
    "input.mastodon.uri": {"en": "required field is missing (neither uri nor url)", "fr": "champ obligatoire absent (ni uri ni url)"},
    "input.mastodon.status": {"en": "expected a Status object, found {type}", "fr": "objet Status attendu, {type} trouvé"},
    "input.mastodon.nested_reblog": {"en": "a reblog inside a reblogged status (Mastodon never nests them)", "fr": "un partage dans un statut partagé (Mastodon ne les imbrique jamais)"},
    "input.mastodon.mention": {"en": "mention {index}: expected a Mention object", "fr": "mention {index}\u00a0: objet Mention attendu"},
    "input.mastodon.mention_instance": {"en": "mention {index}: cannot tell the instance of {acct} (no url)", "fr": "mention {index}\u00a0: impossible de savoir l'instance de {acct} (pas d'url)"},
    # RSS and Atom feeds
    "input.feed.no_file": {"en": "no feed file ({suffixes}) in the folder", "fr": "aucun fichier de flux ({suffixes}) dans le dossier"},
    "input.feed.encoding": {"en": "unknown encoding {encoding} in the XML declaration", "fr": "encodage inconnu {encoding} dans la déclaration XML"},
    "input.feed.text": {"en": "not valid {encoding} text", "fr": "texte {encoding} non valide"},
    "input.feed.date": {"en": "unreadable date {found}", "fr": "date illisible {found}"},
    "input.feed.not_feed": {"en": "not an RSS or Atom feed", "fr": "pas un flux RSS ou Atom"},
    "input.feed.not_feed_xml": {"en": "not an RSS or Atom feed ({detail})", "fr": "pas un flux RSS ou Atom ({detail})"},
    "input.feed.xml": {"en": "XML error: {detail} (truncated or damaged feed?)", "fr": "erreur XML\u00a0: {detail} (flux tronqué ou abîmé\u00a0?)"},
    "input.feed.no_link": {"en": "the feed has no site link (channel <link> / Atom rel=alternate)", "fr": "le flux n'a pas de lien vers son site (<link> du canal / Atom rel=alternate)"},
    "input.feed.entry_id": {"en": "entry has neither id/guid nor link", "fr": "l'entrée n'a ni id/guid ni link"},
    # GML
    "input.gml.unterminated": {"en": "unterminated string (no closing quote)", "fr": "chaîne non terminée (guillemet fermant manquant)"},
    "input.gml.character": {"en": "unexpected character {found}", "fr": "caractère inattendu {found}"},
    "input.gml.close": {"en": "unexpected ']' (no list is open)", "fr": "« ] » inattendu (aucune liste n'est ouverte)"},
    "input.gml.key": {"en": "expected a key, found {found}", "fr": "clé attendue, {found} trouvé"},
    "input.gml.no_value": {"en": "key {key_name} has no value", "fr": "la clé {key_name} n'a pas de valeur"},
    "input.gml.end_value": {"en": "unexpected end of file: key has no value", "fr": "fin de fichier inattendue\u00a0: la clé n'a pas de valeur"},
    "input.gml.end_list": {"en": "unexpected end of file: list '{key_name} [' opened at line {line} is not closed (truncated file?)", "fr": "fin de fichier inattendue\u00a0: la liste « {key_name} [ » ouverte ligne {line} n'est pas fermée (fichier tronqué\u00a0?)"},
    "input.gml.id": {"en": "expected an integer or string identifier, found {found}", "fr": "identifiant entier ou chaîne attendu, {found} trouvé"},
    "input.gml.no_graph": {"en": "no 'graph [ ... ]' list in the file", "fr": "aucune liste « graph [ ... ] » dans le fichier"},
    "input.gml.directed": {"en": "expected 0 or 1, found {found}", "fr": "0 ou 1 attendu, {found} trouvé"},
    "input.gml.list": {"en": "expected a '{key_name} [ ... ]' list", "fr": "liste « {key_name} [ ... ] » attendue"},
    "input.gml.node_id": {"en": "node has no id", "fr": "le nœud n'a pas d'id"},
    "input.gml.duplicate": {"en": "duplicate node id {id} (first at line {line})", "fr": "id de nœud en double {id} (déjà ligne {line})"},
    "input.gml.string": {"en": "expected a string, found {found}", "fr": "chaîne attendue, {found} trouvé"},
    "input.gml.edge_end": {"en": "edge has no {end}", "fr": "l'arête n'a pas de {end}"},
    "input.gml.weight": {"en": "expected a finite number, found {found}", "fr": "nombre fini attendu, {found} trouvé"},
    "input.gml.unknown_node": {"en": "edge refers to unknown node {id}", "fr": "l'arête désigne un nœud inconnu {id}"},
}
