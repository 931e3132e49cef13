"""The gateway pipeline after HTTP: parse and validate a request, its envelope, one operation's run,
the error catalogue and the rendered answer."""
