"""Country profiles: the shipped ones (``<ISO3>.yaml`` in this folder), a workspace's own
(its ``countries/`` folder), and building one from an OCHA P-code list or a boundary file.

Modules: ``build`` (a profile from a P-code CSV or admin1 boundaries, written as YAML),
``catalogue`` (which profiles exist and which countries a workspace covers).
"""

__all__: list[str] = []
