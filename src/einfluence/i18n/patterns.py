"""The English texts the work writes, recognised by their patterns: each pattern with the catalogue
key that says it in another language (the first pattern that matches wins)."""

from __future__ import annotations

import re

__all__ = ["REASONS", "SERVER_TEXTS", "STAGES"]


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

