"""Derived facts shared by the rules: dates and windows, membership, decision shares, network."""
