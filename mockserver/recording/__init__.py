"""Record, verify, import: prove the mock against a real sandbox, and seed it from one.

cassette.py reads and writes vcrpy's YAML cassettes; scrub.py takes secrets out of an exchange;
proxy.py is `mock-intacct record`; structure.py reduces an answer to what verify compares;
verify.py is `mock-intacct verify`; importer.py is `mock-intacct import`; anonymize.py replaces
personal values for `import --anonymize`; commands.py wires them into the CLI (importing them only
when one of them runs, so `serve` never loads them).
"""
