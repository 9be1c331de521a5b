"""All configuration in one place: environment (MLSD_*, OPENAI_*) and defaults.

Nothing here touches the network. The API key is a SecretStr and is never written to a
transcript, a log or the Streamlit session's persisted state.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from platformdirs import user_data_dir
from pydantic import AliasChoices, BaseModel, ConfigDict, Field, SecretStr, field_validator

ENV_PREFIX = "MLSD_"

PACKAGE_DIR = Path(__file__).resolve().parent


def _content_dir(name: str) -> Path:
    """Find a content folder (knowledge/ or prompts/): the source tree first, then the wheel."""
    source = PACKAGE_DIR.parent / name
    if source.is_dir():
        return source
    return PACKAGE_DIR / "_bundled" / name


Backend = Literal["offline", "openai"]
StructuredMethod = Literal["auto", "json_schema", "json_mode", "function_calling"]


class Settings(BaseModel):
    """Values given here first, then the environment (`MLSD_<FIELD>`, any case; the fields
    with aliases read those names instead), then the defaults. Read with pydantic alone:
    the settings library cost about 110 ms of CPU in every fresh process (issue 13)."""

    model_config = ConfigDict(extra="ignore", populate_by_name=True, validate_default=True)

    def __init__(self, **values: Any) -> None:
        super().__init__(**{**from_environment(type(self)), **values})

    data_dir: Path = Field(default_factory=lambda: Path(user_data_dir("mlsd-interviewer")))
    knowledge_dir: Path = Field(default_factory=lambda: _content_dir("knowledge"))
    prompts_dir: Path = Field(default_factory=lambda: _content_dir("prompts"))
    # Extra problem cards a user drops in (YAML files); read after the bundled ones.
    user_problems_dir: Path | None = None

    backend: Backend | None = None  # None: openai when a key or base URL is set, else offline
    model: str = "gpt-4o-mini"
    base_url: str | None = Field(
        default=None, validation_alias=AliasChoices("MLSD_BASE_URL", "OPENAI_BASE_URL")
    )
    api_key: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("MLSD_API_KEY", "OPENAI_API_KEY")
    )
    structured_method: StructuredMethod = "auto"
    request_timeout: float = 60.0
    max_retries: int = 2
    retry_base_delay: float = 0.5  # seconds; backoff doubles per retry, with jitter
    circuit_cooldown: float = 20.0  # seconds an LLM stays bypassed after failing for good
    temperature: float = 0.3

    chroma_host: str | None = None
    chroma_port: int = 8000

    interview_minutes: float = 45.0

    # A shared deployment (MLSD_SHARED=1 or `mlsd ui --shared`): each browser session sees
    # only its own interviews, and visitors cannot point the app at another model server.
    shared: bool = False

    @field_validator("base_url", "api_key", mode="before")
    @classmethod
    def _blank_is_unset(cls, value: Any) -> Any:
        """`export OPENAI_API_KEY=` (or an emptied field) means no key: an empty key or URL
        counted as one, so the openai backend skipped its "needs an API key" line and sent
        calls that could only fail, retried, then answered offline."""
        raw = value.get_secret_value() if isinstance(value, SecretStr) else value
        return None if isinstance(raw, str) and not raw.strip() else value

    @property
    def resolved_backend(self) -> Backend:
        if self.backend is not None:
            return self.backend
        return "openai" if (self.api_key or self.base_url) else "offline"

    @property
    def store_dir(self) -> Path:
        return self.data_dir / "store"

    @property
    def interviews_dir(self) -> Path:
        return self.data_dir / "interviews"


def from_environment(model: type[BaseModel], environ: dict[str, str] | None = None) -> dict:
    """The fields the environment sets, by field name: `MLSD_<FIELD>` in any case, or for
    a field with alias choices the first of them that is set and not blank."""
    env = {k.lower(): v for k, v in (os.environ if environ is None else environ).items()}
    found: dict[str, str] = {}
    for name, field in model.model_fields.items():
        alias = field.validation_alias
        names = (
            [str(c) for c in alias.choices]
            if isinstance(alias, AliasChoices)
            else [ENV_PREFIX + name]
        )
        for env_name in names:
            value = env.get(env_name.lower())
            if value is not None and (value.strip() or len(names) == 1):
                # an empty MLSD_API_KEY leaves OPENAI_API_KEY to say the key
                found[name] = value
                break
    return found


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
