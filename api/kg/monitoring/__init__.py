"""Monitoring: measured values after the baseline, the status they give each objective, and their charts."""
