"""The admin API's pydantic models and checks, by name, imported on first use rather than at start-up.

pydantic and the models (control/models.py, fixture_models.py, console/models.py) cost about a fifth of a
cold start, and the gateway needs none of them. Admin handlers name their model here (`schemas.ClockAdvance`,
`documented(body="ClockAdvance")`); the first such use imports them all.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # what mypy sees; at run time the first attribute asked for imports the modules
    from mockserver.console.models import ExchangeFilters as ExchangeFilters
    from mockserver.console.models import ExchangeId as ExchangeId
    from mockserver.control.fixture_models import CreateCompany as CreateCompany
    from mockserver.control.fixture_models import check_fixture as check_fixture
    from mockserver.control.models import ClockAdvance as ClockAdvance
    from mockserver.control.models import CompanySettings as CompanySettings
    from mockserver.control.models import FaultRuleRequest as FaultRuleRequest
    from mockserver.control.models import JournalQuery as JournalQuery
    from mockserver.control.models import SenderAuthorization as SenderAuthorization
    from mockserver.control.models import UserSettings as UserSettings
    from mockserver.control.models import check as check


def __getattr__(name: str) -> Any:
    from mockserver.console import models as console_models
    from mockserver.control import fixture_models, models

    for module in (models, fixture_models, console_models):
        if not name.startswith("_") and hasattr(module, name):
            found = globals()[name] = getattr(module, name)  # asked for once
            return found
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
