"""Debian's headless Chromium for the tests a person would look at (Playwright launches it by its path:
no browser download at install or test time)."""

from __future__ import annotations

CHROMIUM = "/usr/bin/chromium"
# Headless, and quiet: no sandbox (CI containers run as root), no background traffic to the internet.
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
