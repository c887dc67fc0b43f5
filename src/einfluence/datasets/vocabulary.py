"""Word lists of the demo world: bilingual topic vocabularies, fillers, sentiment and brands.

Everything here is plain data (tuples of strings). The generator in
:mod:`einfluence.datasets.demo_world` draws post texts from these lists, so analyses of the
demo world (topic models, brand listening, sentiment) can be checked against them.

Conventions
-----------
* Each topic has English terms, French terms (with their accents) and hashtags; a term may
  hold a space ("cargo bike", "vélo électrique").
* A sentiment template is a pair ``(before, after)``: a post mentioning a brand reads
  ``before + " " + alias + " " + after``. Both parts are non-empty. Negation is deliberate
  ("not bad at all" is positive, "c'est pas terrible" is negative) so that bag-of-words
  sentiment is not trivially right.
* Brands are invented; any resemblance to real companies is fortuitous.
"""

from __future__ import annotations

__all__ = [
    "BRANDS",
    "BRAND_PROMO",
    "COMMENTS",
    "FILLERS",
    "FIRST_NAMES",
    "LAST_NAMES",
    "MEDIA_NAMES",
    "SENTIMENT",
    "SYLLABLES",
    "TOPICS",
]

# fmt: off
#: Topics: name -> {"en": terms, "fr": terms, "hashtags": hashtags}. The first topic is the one
#: of the demo brand.
TOPICS: dict[str, dict[str, tuple[str, ...]]] = {
    "e-bikes": {
        "en": (
            "ebike", "e-bike", "cycling", "bike", "commute", "battery", "pedal", "motor",
            "torque", "saddle", "helmet", "gears", "brakes", "cargo bike", "bike lane", "range",
            "charging", "handlebar", "tyres", "frame", "ride", "cyclist", "pedelec", "hill climb",
            "trail", "wheels", "chain", "mileage", "cadence", "bikepacking",
        ),
        "fr": (
            "vélo", "vélo électrique", "VAE", "cyclisme", "pédaler", "batterie", "moteur",
            "couple", "selle", "casque", "vitesses", "freins", "vélo cargo", "piste cyclable",
            "autonomie", "recharge", "guidon", "pneus", "cadre", "balade", "cycliste",
            "assistance électrique", "côte", "sentier", "roues", "chaîne", "kilomètres",
            "trajet", "dérailleur", "vélotaf",
        ),
        "hashtags": ("#ebike", "#cycling", "#velo", "#velotaf", "#bikelife", "#VAE", "#biketowork"),
    },
    "skincare": {
        "en": (
            "skincare", "serum", "moisturizer", "sunscreen", "SPF", "retinol", "hyaluronic acid",
            "cleanser", "toner", "acne", "glow", "hydration", "niacinamide", "exfoliant", "makeup",
            "foundation", "lipstick", "mascara", "pores", "wrinkles", "routine", "vitamin C",
            "sensitive skin", "cosmetics", "blush", "concealer", "face mask", "collagen",
            "eye cream", "skin barrier",
        ),
        "fr": (
            "soin", "sérum", "crème hydratante", "crème solaire", "indice", "rétinol",
            "acide hyaluronique", "nettoyant", "lotion tonique", "acné", "éclat", "hydratation",
            "niacinamide", "gommage", "maquillage", "fond de teint", "rouge à lèvres", "mascara",
            "pores", "rides", "routine beauté", "vitamine C", "peau sensible", "cosmétiques",
            "fard à joues", "anticernes", "masque visage", "collagène", "contour des yeux",
            "barrière cutanée",
        ),
        "hashtags": ("#skincare", "#beauty", "#makeup", "#beauté", "#soinvisage", "#cosmetiques"),
    },
    "cooking": {
        "en": (
            "recipe", "oven", "baking", "sourdough", "pasta", "sauce", "garlic", "onion",
            "butter", "roast", "simmer", "spices", "dessert", "chocolate", "bread", "soup",
            "salad", "grill", "vegetables", "chicken", "homemade", "kitchen", "chef", "dinner",
            "flour", "olive oil", "risotto", "pastry", "seasoning", "brunch",
        ),
        "fr": (
            "recette", "four", "pâtisserie", "levain", "pâtes", "sauce", "ail", "oignon",
            "beurre", "rôti", "mijoter", "épices", "dessert", "chocolat", "pain", "soupe",
            "salade", "grillade", "légumes", "poulet", "fait maison", "cuisine", "chef", "dîner",
            "farine", "huile d'olive", "risotto", "crème brûlée", "assaisonnement", "gratin",
        ),
        "hashtags": ("#recipe", "#cooking", "#foodie", "#recette", "#cuisine", "#faitmaison"),
    },
    "football": {
        "en": (
            "football", "match", "goal", "striker", "goalkeeper", "midfielder", "defender",
            "penalty", "free kick", "offside", "referee", "league", "transfer", "coach",
            "stadium", "fans", "derby", "clean sheet", "hat-trick", "kickoff", "tactics", "pitch",
            "injury time", "champions league", "relegation", "assist", "header", "corner",
            "squad", "trophy",
        ),
        "fr": (
            "foot", "match", "but", "attaquant", "gardien", "milieu de terrain", "défenseur",
            "penalty", "coup franc", "hors-jeu", "arbitre", "championnat", "mercato",
            "entraîneur", "stade", "supporters", "derby", "ligue des champions", "triplé",
            "coup d'envoi", "tactique", "pelouse", "arrêts de jeu", "relégation",
            "passe décisive", "tête", "corner", "effectif", "trophée", "victoire",
        ),
        "hashtags": ("#football", "#foot", "#matchday", "#Ligue1", "#PremierLeague", "#UCL"),
    },
    "tech": {
        "en": (
            "smartphone", "laptop", "app", "update", "software", "AI", "chip", "processor",
            "battery life", "camera", "cloud", "startup", "open source", "developer", "code",
            "privacy", "security", "gadget", "wearable", "headphones", "5G", "keyboard", "screen",
            "benchmark", "release", "beta", "algorithm", "data", "robot", "firmware",
        ),
        "fr": (
            "smartphone", "ordinateur portable", "appli", "mise à jour", "logiciel", "IA", "puce",
            "processeur", "autonomie", "appareil photo", "nuage", "start-up", "logiciel libre",
            "développeur", "code", "vie privée", "sécurité", "gadget", "objet connecté",
            "écouteurs", "5G", "clavier", "écran", "test", "sortie", "version bêta",
            "algorithme", "données", "robot", "intelligence artificielle",
        ),
        "hashtags": ("#tech", "#AI", "#IA", "#gadgets", "#opensource", "#numérique"),
    },
    "travel": {
        "en": (
            "travel", "flight", "airport", "hotel", "beach", "mountains", "backpacking",
            "itinerary", "passport", "road trip", "hostel", "sunset", "island", "museum",
            "old town", "train", "luggage", "booking", "adventure", "hiking", "guide",
            "local food", "wanderlust", "destination", "cruise", "camping", "scenery", "layover",
            "visa", "souvenir",
        ),
        "fr": (
            "voyage", "vol", "aéroport", "hôtel", "plage", "montagne", "sac à dos", "itinéraire",
            "passeport", "road trip", "auberge", "coucher de soleil", "île", "musée",
            "vieille ville", "train", "bagages", "réservation", "aventure", "randonnée", "guide",
            "spécialités locales", "dépaysement", "destination", "croisière", "camping",
            "paysage", "escale", "visa", "souvenir",
        ),
        "hashtags": ("#travel", "#voyage", "#wanderlust", "#vacances", "#roadtrip"),
    },
    "music": {
        "en": (
            "album", "song", "concert", "festival", "playlist", "guitar", "drums", "vocals",
            "lyrics", "single", "tour", "band", "vinyl", "producer", "beat", "chorus", "live",
            "gig", "new release", "studio", "rap", "jazz", "rock", "pop", "electro", "setlist",
            "headliner", "remix", "streaming", "soundtrack",
        ),
        "fr": (
            "album", "chanson", "concert", "festival", "playlist", "guitare", "batterie", "voix",
            "paroles", "single", "tournée", "groupe", "vinyle", "producteur", "rythme", "refrain",
            "en direct", "scène", "nouveauté", "studio", "rap", "jazz", "rock", "variété",
            "électro", "chanteuse", "tête d'affiche", "remix", "écoute", "bande originale",
        ),
        "hashtags": ("#music", "#musique", "#nowplaying", "#concert", "#festival"),
    },
    "gaming": {
        "en": (
            "game", "gamer", "console", "controller", "multiplayer", "level", "boss fight",
            "speedrun", "esports", "stream", "patch", "DLC", "open world", "RPG", "shooter",
            "indie game", "quest", "loot", "ranked", "tournament", "graphics", "framerate", "VR",
            "co-op", "save file", "achievement", "roguelike", "trailer", "leaderboard",
            "pixel art",
        ),
        "fr": (
            "jeu vidéo", "joueur", "console", "manette", "multijoueur", "niveau",
            "combat de boss", "speedrun", "esport", "stream", "correctif", "extension",
            "monde ouvert", "RPG", "jeu de tir", "jeu indé", "quête", "butin", "classé",
            "tournoi", "graphismes", "fluidité", "réalité virtuelle", "coopération",
            "sauvegarde", "succès", "roguelike", "bande-annonce", "classement", "rétro",
        ),
        "hashtags": ("#gaming", "#jeuxvideo", "#gamer", "#esport", "#indiegame"),
    },
}

#: Function words and chit-chat mixed into every post, per language.
FILLERS: dict[str, tuple[str, ...]] = {
    "en": (
        "the", "a", "this", "that", "so", "really", "just", "today", "my", "our", "with", "for",
        "and", "but", "new", "check", "out", "week", "morning", "honestly", "thoughts",
        "finally", "again", "still", "time", "here", "what", "about", "we", "you", "it", "is",
        "was", "got", "more", "some", "tonight", "anyone", "else", "pretty", "quite", "thread",
        "quick", "note", "look", "at", "in", "on", "of", "to", "after", "before", "all",
        "day", "weekend", "yes", "well", "now", "first", "last",
    ),
    "fr": (
        "le", "la", "les", "un", "une", "ce", "cette", "très", "vraiment", "juste",
        "aujourd'hui", "mon", "ma", "notre", "avec", "pour", "et", "mais", "nouveau", "nouvelle",
        "semaine", "matin", "franchement", "avis", "enfin", "encore", "toujours", "temps", "ici",
        "quoi", "sur", "nous", "vous", "c'est", "était", "déjà", "plus", "quelques", "ce soir",
        "quelqu'un", "plutôt", "assez", "fil", "petit", "bref", "là", "où", "été", "même",
        "après", "à", "ça", "du", "des", "au", "week-end", "oui", "bon", "voilà", "premier",
        "dernière",
    ),
}

#: Short comments of replies and quotes, per language.
COMMENTS: dict[str, tuple[str, ...]] = {
    "en": (
        "So true!", "Totally agree", "Interesting, thanks for sharing", "Not sure about that",
        "This 👆", "Great thread", "Wow 😮", "Haha 😂", "Good point", "Source?",
        "Couldn't agree more", "Saving this for later", "Well said 👏", "Hmm, really?",
    ),
    "fr": (
        "Tellement vrai !", "Entièrement d'accord", "Intéressant, merci du partage",
        "Pas sûr de ça", "Ça 👆", "Super fil", "Waouh 😮", "Mdr 😂", "Bien vu",
        "Une source ?", "Je plussoie", "À garder sous le coude", "Bien dit 👏",
        "Hmm, vraiment ?",
    ),
}

#: Brand-mention templates: SENTIMENT[language][polarity] -> ((before, after), ...), polarity in
#: {"positive", "negative", "neutral"}. The brand alias goes between the two parts.
SENTIMENT: dict[str, dict[str, tuple[tuple[str, str], ...]]] = {
    "en": {
        "positive": (
            ("Absolutely loving my", "so far 😍"),
            ("Best purchase this year:", "— smooth, silent and reliable 👍"),
            ("Honestly the", "is not bad at all, way better than I expected"),
            ("Shoutout to", "for the amazing customer service 🙌"),
            ("Can't recommend", "enough, my commute is a joy now ❤️"),
            ("Three months with", "and zero problems, brilliant ⭐⭐⭐⭐⭐"),
            ("Wow,", "just nailed it. Impressive quality 🔥"),
            ("Never had a single issue with", "— love it 💚"),
        ),
        "negative": (
            ("Really disappointed with", "— battery died after two weeks 😡"),
            ("Avoid", "at all costs, terrible after-sales service 👎"),
            ("My", "broke again. Not good, not worth the money"),
            ("Still waiting for", "to answer my complaint... awful 😤"),
            ("Honestly", "is overpriced and not reliable at all"),
            ("Never buying", "again, worst purchase ever 💩"),
            ("Not impressed by", "— cheap parts and no support 😒"),
        ),
        "neutral": (
            ("Has anyone tried", "? Thinking about it"),
            ("Saw a", "at the shop today"),
            ("Apparently", "announced new prices this week"),
            ("Comparing", "with other brands, any advice?"),
        ),
    },
    "fr": {
        "positive": (
            ("Franchement, mon", "est génial 😍"),
            ("Super contente de mon", "— je recommande 👍"),
            ("Le", "n'est pas mal du tout, bien mieux que prévu"),
            ("Merci", "pour le SAV au top 🙌"),
            ("Trois mois avec", "et aucun souci, un vrai bonheur ❤️"),
            ("Ravi de mon", "— qualité impressionnante 🔥"),
            ("Franchement", "c'est pas cher et pas décevant du tout ⭐⭐⭐⭐⭐"),
            ("Jamais eu le moindre problème avec", "— j'adore 💚"),
        ),
        "negative": (
            ("Très déçu par", "— la batterie a lâché au bout de deux semaines 😡"),
            ("Le", "c'est pas terrible, je regrette 👎"),
            ("Évitez", "à tout prix, le service après-vente est nul"),
            ("Mon", "est encore en panne, pas fiable du tout 😤"),
            ("Honnêtement", "trop cher pour ce que c'est, franchement décevant"),
            ("Plus jamais", "— pire achat de l'année 💩"),
            ("Pas convaincu par", "— pièces bas de gamme et aucun suivi 😒"),
        ),
        "neutral": (
            ("Quelqu'un a testé", "? J'hésite"),
            ("Vu un", "en magasin aujourd'hui"),
            ("Apparemment", "annonce de nouveaux prix cette semaine"),
            ("Je compare", "avec d'autres marques, des avis ?"),
        ),
    },
}

#: Promotional templates of the brand accounts themselves, per language.
BRAND_PROMO: dict[str, tuple[tuple[str, str], ...]] = {
    "en": (
        ("Meet the new", "— up to 120 km of range ⚡"),
        ("Autumn rides are better on a", "🍂 Test rides this weekend!"),
        ("Your commute, upgraded:", "is back in stock 🚲"),
        ("Thank you for riding", "— 10,000 happy riders this year 💚"),
    ),
    "fr": (
        ("Découvrez le nouveau", "— jusqu'à 120 km d'autonomie ⚡"),
        ("L'automne se vit mieux en", "🍂 Essais gratuits ce week-end !"),
        ("Votre trajet, en mieux :", "est de retour en stock 🚲"),
        ("Merci de rouler en", "— 10 000 cyclistes heureux cette année 💚"),
    ),
}

#: Brands: the demo brand first, then its competitors (all on the first topic).
BRANDS: tuple[dict[str, object], ...] = (
    {
        "name": "Ondula",
        "aliases": ("Ondula", "Ondula Bikes", "ONDULA"),
        "handle": "@ondulabikes",
        "hashtags": ("#Ondula", "#RideOndula"),
        "products": ("Ondula Swift", "Ondula Cargo", "Ondula Fold"),
        "competitor": False,
    },
    {
        "name": "Rapidel",
        "aliases": ("Rapidel", "Rapidel E-Bikes"),
        "handle": "@rapidel",
        "hashtags": ("#Rapidel",),
        "products": ("Rapidel Urban", "Rapidel Trek"),
        "competitor": True,
    },
    {
        "name": "Velmo",
        "aliases": ("Velmo", "Velmo Mobility"),
        "handle": "@velmo_official",
        "hashtags": ("#Velmo",),
        "products": ("Velmo One", "Velmo Max"),
        "competitor": True,
    },
)

FIRST_NAMES: dict[str, tuple[str, ...]] = {
    "en": (
        "Oliver", "Amelia", "Jack", "Isla", "Harry", "Ava", "Noah", "Emily", "Leo", "Grace",
        "Ethan", "Chloe", "Lucas", "Mia", "Henry", "Ella", "James", "Lily", "Mason", "Zoe",
    ),
    "fr": (
        "Léa", "Hugo", "Chloé", "Louis", "Manon", "Gabriel", "Inès", "Raphaël", "Jade", "Théo",
        "Zoé", "Étienne", "Camille", "Noé", "Élodie", "Jérôme", "Anaïs", "Clément", "Océane",
        "Maël",
    ),
}
LAST_NAMES: dict[str, tuple[str, ...]] = {
    "en": (
        "Smith", "Jones", "Taylor", "Brown", "Wilson", "Evans", "Thomas", "Roberts", "Walker",
        "Wright", "Green", "Hall", "Wood", "Clarke", "Hughes", "Lewis",
    ),
    "fr": (
        "Martin", "Bernard", "Dubois", "Lefèvre", "Moreau", "Girard", "Rousseau", "Fontaine",
        "Chevalier", "Mercier", "Bérenger", "Lemaître", "Garnier", "Faure", "Gérard", "Benoît",
    ),
}
MEDIA_NAMES: dict[str, tuple[str, ...]] = {
    "en": ("Daily Wire Desk", "Morning Ledger", "City Chronicle", "The Weekly Lens", "Metro Now"),
    "fr": ("Le Quotidien", "L'Écho du Matin", "La Gazette", "Actu Régions", "Le Fil Info"),
}
#: Syllables of generated handles and blog names.
SYLLABLES: tuple[str, ...] = (
    "ka", "lo", "mi", "ra", "ne", "to", "su", "vi", "de", "ba", "zo", "li", "ma", "po", "ter",
    "lan", "mor", "vel", "pix", "sun", "fen", "gal", "nov", "rik", "sel", "tam", "ul", "yo",
)
# fmt: on
