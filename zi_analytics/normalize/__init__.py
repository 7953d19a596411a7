"""Value normalisers: one small module per family of values found in Lapas files.

Each takes one raw cell value and returns a canonical value or None; none of them raises on user data.
``text.map_cells`` (a column) and ``text.per_value`` (a cache on each normaliser) apply them once per distinct value, which keeps large sheets fast.
"""
