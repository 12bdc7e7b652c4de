"""Canonical actors: the people, organisations and governments a report names, each mention
joined to one actor within the report and across reports (aliases, titles, role phrases)."""

from corroborate.actors.canonical import actor_key, link_actors, load_aliases

__all__ = ["actor_key", "link_actors", "load_aliases"]
