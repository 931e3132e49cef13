"""Tenancy and sign-in: companies, their users and entities, sessions, authentication, permissions
and location (entity) scoping."""
