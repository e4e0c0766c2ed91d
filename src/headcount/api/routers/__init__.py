"""One router per resource: incidents (and their accounts and timelines), claims, reports."""
