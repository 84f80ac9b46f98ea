"""`plansite import`: raw plan text to draft plan YAML."""
