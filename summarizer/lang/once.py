"""A property computed once per instance, as `functools.cached_property` is, without its lock.

On Python 3.11 `cached_property` takes a lock on every first read of every instance: ~2 µs each, and a
story's readings and tokens make some 4,500 such reads (410,786 in a profile of the 90 BASIL stories,
0.78 s of its 20.6). 3.12 dropped the lock. Readings shared between the event loop's thread and the CPU
thread may compute a value twice, never wrongly: every method decorated so must stay pure.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar, overload

T = TypeVar("T")


class once(Generic[T]):
    """`@once` on a method: its value is stored in the instance on first read and read from there after."""

    def __init__(self, func: Callable[[Any], T]) -> None:
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, instance: None, owner: type | None = None) -> once[T]: ...

    @overload
    def __get__(self, instance: object, owner: type | None = None) -> T: ...

    def __get__(self, instance: object | None, owner: type | None = None) -> T | once[T]:
        if instance is None:
            return self
        # No __set__: once stored, the instance's own attribute is found first and this is not called.
        value = instance.__dict__[self.name] = self.func(instance)
        return value
