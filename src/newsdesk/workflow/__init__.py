"""The editorial workflow: the transition table, applying a transition, the review queue
an editor works from, and the audit that checks every story got where it is the allowed way."""
