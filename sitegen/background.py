"""Work done on another core while the build goes on: a forked child computes a result needed later.

A rebuild after an edit runs on one core, yet a few of its stages need nothing the others make
before the end: the scan of the output folder (a stat of each of its files) and the feeds (every
product as a CSV row, an XML item and a JSON object). Each of them runs in a child forked from the
build, which holds everything the stage reads already, and sends the result back through a pipe;
meanwhile the build itself goes on with the pages.

The child only computes: it writes no file, and its result is exactly what the function returns
when called here (pickled between the two processes of one build, never kept anywhere). When the
child fails in any way, the function is called again here, so its error is raised as it would
have been. A small catalogue's stages take less time than a child costs (a fork, the wait for
it, the result's transfer: ~25 ms at 100 products), so the build asks for children only from
`pipeline.FORK_FROM` products on. Without a second core, without `os.fork` (Windows), or in a
process running other threads (`sitegen serve`'s server: forking one is unsafe), the function is
simply called when its result is asked for.
"""

from __future__ import annotations

import os
import pickle
import signal
import threading
from typing import Callable, Generic, TypeVar

Result = TypeVar("Result")


class Later(Generic[Result]):
    """`function(*args)`, computed in a forked child from now on when that can help, else on demand."""

    def __init__(self, function: Callable[..., Result], *args: object, fork: bool = True):
        """`fork=False`: call the function on demand here (a stage too small to be worth a child)."""
        self._function, self._args = function, args
        self._child: tuple[int, int] | None = None  # (pid, read end of its pipe)
        if fork and can_fork():
            self._child = _start(function, args)

    def result(self) -> Result:
        """The function's result (raising what it raises). Call it once."""
        child, self._child = self._child, None
        if child is not None:
            done, value = _collect(*child)
            if done:
                return value  # type: ignore[no-any-return]
        return self._function(*self._args)

    def __del__(self) -> None:
        """A result never asked for (the build failed first): the child, which writes nothing, is
        stopped and waited for, so none lingers in a process that builds again (tests, preview)."""
        child, self._child = self._child, None
        if child is not None:
            os.close(child[1])
            os.kill(child[0], signal.SIGKILL)
            os.waitpid(child[0], 0)


def can_fork() -> bool:
    """Whether a forked child can take work off this process: fork exists, a second core does, and no
    other thread runs here (a lock another thread holds would stay locked in the child forever)."""
    return hasattr(os, "fork") and (os.cpu_count() or 1) > 1 and threading.active_count() == 1


def _start(function: Callable[..., object], args: tuple) -> tuple[int, int]:
    read, write = os.pipe()
    pid = os.fork()
    if pid:
        os.close(write)
        return pid, read
    # The child: compute, send, and leave at once, running no exit handler and flushing none of the
    # parent's buffers (what the parent has yet to print is its own to print).
    code = 0
    try:
        os.close(read)
        try:
            data = pickle.dumps((True, function(*args)), protocol=pickle.HIGHEST_PROTOCOL)
        except BaseException:  # noqa: BLE001  # the parent calls the function again and raises it there
            data, code = pickle.dumps((False, None)), 1
        with os.fdopen(write, "wb") as pipe:
            pipe.write(data)
    finally:
        os._exit(code)


def _collect(pid: int, read: int) -> tuple[bool, object]:
    """(True, the child's result), or (False, None) when it failed or died."""
    try:
        with os.fdopen(read, "rb") as pipe:
            data = pipe.read()
    finally:
        os.waitpid(pid, 0)
    try:
        done, value = pickle.loads(data)  # from our own child, through a pipe nobody else holds
    except Exception:  # noqa: BLE001  # a child killed halfway: its result is worked out here
        return False, None
    return bool(done), value
