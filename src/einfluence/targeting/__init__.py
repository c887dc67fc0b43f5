"""Seed selection for campaigns: influence maximisation (IMM, CELF), targeted and budgeted, and baselines."""
