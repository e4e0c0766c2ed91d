"""Reconcile: claims -> an account per incident (a first, simple rule; see account.py)."""
from .account import account_incidents, cell_key, figure

__all__ = ["account_incidents", "cell_key", "figure"]
