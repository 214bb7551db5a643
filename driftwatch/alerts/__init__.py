"""Alerting: the outbox, its dispatcher, and one channel class per destination."""
