"""Alerts (issue 19): rules kept in the store (rules.py), the changes of a watched account since a rule
last looked (changes.py), recorded once per change and delivered by webhook, e-mail or the terminal of
``headcount watch`` (fire.py, deliver.py). The CLI, ``watch``, ``batch --ingest`` and the API call ``fire``
after they store reports."""
from .deliver import (DELIVERY_HEADER, SIGNATURE_HEADER, Backoff, Channels, Delivered, DeliveryRecord, deliveries,
                      deliver_pending, parse_smtp, signature, terminal_line)
from .fire import Fired, FiringThread, UnknownIncident, add_rule, fire
from .rules import CellSpec, Rule, channel_of, delivery_counts, make_rule, parse_cell, remove_rule, rules

__all__ = ["DELIVERY_HEADER", "SIGNATURE_HEADER", "Backoff", "CellSpec", "Channels", "Delivered",
           "DeliveryRecord", "Fired", "FiringThread", "Rule", "UnknownIncident", "add_rule", "channel_of", "deliver_pending", "deliveries", "delivery_counts", "fire",
           "make_rule", "parse_cell", "parse_smtp", "remove_rule", "rules", "signature", "terminal_line"]
