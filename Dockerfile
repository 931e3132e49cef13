# mock-intacct: the Sage Intacct XML gateway mock, for other projects' CI.
FROM python:3.11-slim

WORKDIR /app
# Everything pyproject.toml packages: the server, the client it ships, the data folders, the license.
COPY pyproject.toml README.md LICENSE ./
COPY mockserver ./mockserver
COPY client ./client
COPY schemas ./schemas
COPY fixtures ./fixtures

# The same install step as the README's first command.
RUN python3 -m venv .venv && .venv/bin/pip install -q -e .

# Inside a container the mock must listen beyond loopback. The admin API is then open to whoever
# reaches the port: set MOCK_INTACCT_ADMIN_TOKEN to require a bearer token instead.
ENV MOCK_INTACCT_HOST=0.0.0.0 \
    MOCK_INTACCT_PORT=8080 \
    MOCK_INTACCT_FIXTURES=/app/fixtures \
    MOCK_INTACCT_OPEN_ADMIN=true
EXPOSE 8080

HEALTHCHECK --interval=2s --timeout=2s --start-period=2s --retries=15 \
    CMD ["python3", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8080/__mock__/health', timeout=2)"]

CMD [".venv/bin/mock-intacct", "serve"]
