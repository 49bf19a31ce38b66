"""Model objects → plain JSON-ready data, amounts as strings exactly as printed."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from pydantic import BaseModel

from lineage.amounts import printed


def plain(obj: Any) -> Any:
    """Recursively convert models, Decimals and containers to JSON-ready values.

    >>> plain({"a": Decimal("150.00"), "b": [Decimal("0.2")]})
    {'a': '150.00', 'b': ['0.2']}
    """
    if isinstance(obj, BaseModel):
        return plain(obj.model_dump())
    if isinstance(obj, Decimal):
        return printed(obj)
    if isinstance(obj, dict):
        return {str(k): plain(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [plain(v) for v in obj]
    return obj


def dumps(data: Any) -> str:
    """UTF-8 JSON with Chinese readable (not escaped)."""
    return json.dumps(plain(data), ensure_ascii=False, indent=2)
