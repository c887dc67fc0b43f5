"""Topics from content: text normalisation (French and English), topic models, declared topics, relevance, topic-sensitive influence."""
