"""The staff workspace's frame: the dashboard at /staff/, the navigation, and the audit trail shown on pages."""
