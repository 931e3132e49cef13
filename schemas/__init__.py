"""This folder is installed as the data package `mockserver.schemas` (see pyproject.toml), so a wheel
or an editable install finds request.xsd and response.xsd with importlib.resources."""
