"""Geography: admin boundaries, the gazetteer, placing points and names in areas, region groups
and name folding. A base package: it knows nothing of events, mandates or plans.

Modules: ``names`` (folding), ``regions`` (canonical admin1 names and region groups),
``boundaries``, ``gazetteer`` (stored layers), ``placement`` (points and names to areas).
"""

__all__: list[str] = []
