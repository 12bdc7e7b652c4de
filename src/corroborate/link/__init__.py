"""Linking claims to evidence: stance of a report body towards a claim."""
