"""Playwright's synchronous API drives one browser per thread and refuses to start in a thread whose
asyncio loop is running, as it is in a thread that already drives a browser (a test's, say). Code that
starts its own browser calls it through `run`, in a thread of its own."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Callable, TypeVar

T = TypeVar("T")


def run(function: Callable[..., T], *args, **kwargs) -> T:
    with ThreadPoolExecutor(1) as thread:
        return thread.submit(function, *args, **kwargs).result()
