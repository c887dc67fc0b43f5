"""Influence measures, the einfluence score, time dynamics and the evaluation harness."""
