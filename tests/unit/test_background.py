"""Work done in a forked child (`sitegen.background.Later`): same result, same errors, no leftovers."""

from __future__ import annotations

import os
import threading
import time

import pytest

from sitegen import background, pipeline
from sitegen.background import Later
from sitegen.build import build
from sitegen.errors import SiteErrors
from tests.conftest import jpeg_bytes

CAN_FORK = hasattr(os, "fork") and (os.cpu_count() or 1) > 1


@pytest.fixture
def forking(monkeypatch):
    """This process as `sitegen build` runs it, with no thread but its own: earlier tests of the
    suite may leave servers' threads behind, which would rightly keep `Later` from forking."""
    if not CAN_FORK:
        pytest.skip("needs os.fork and a second core")
    monkeypatch.setattr(background.threading, "active_count", lambda: 1)


def files_of_small(root):
    return {p.relative_to(root / "small"): p.read_bytes() for p in (root / "small").rglob("*") if p.is_file()}


def _pid_and(value):
    return os.getpid(), value


def _fail(message):
    raise SiteErrors([]) if message == "site" else ValueError(message)


def _slow_in_a_child(parent):
    if os.getpid() != parent:
        time.sleep(30)
    return "worked out here"


@pytest.mark.usefixtures("forking")
def test_the_result_is_computed_in_a_child_and_arrives_whole():
    big = "x" * 3_000_000  # far more than a pipe holds: the child must not block writing it
    pid, value = Later(_pid_and, big).result()
    assert pid != os.getpid()
    assert value == big


@pytest.mark.usefixtures("forking")
def test_a_failing_child_raises_the_same_error_here():
    with pytest.raises(ValueError, match="no such price"):
        Later(_fail, "no such price").result()
    with pytest.raises(SiteErrors):
        Later(_fail, "site").result()


@pytest.mark.usefixtures("forking")
def test_a_child_killed_halfway_is_replaced_by_calling_here():
    later = Later(_slow_in_a_child, os.getpid())
    os.kill(later._child[0], 9)  # noqa: SLF001  # as the OOM killer would
    assert later.result() == "worked out here"


def test_with_other_threads_running_it_is_called_here_on_demand():
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        calls = []
        later = Later(lambda: calls.append(os.getpid()) or "done")
        assert later._child is None and calls == []  # noqa: SLF001  # not forked, not called yet
        assert later.result() == "done" and calls == [os.getpid()]
    finally:
        stop.set()
        other.join()


@pytest.mark.usefixtures("forking")
def test_a_result_never_asked_for_leaves_no_child_behind():
    later = Later(time.sleep, 30)
    pid = later._child[0]  # noqa: SLF001
    started = time.monotonic()
    del later
    assert time.monotonic() - started < 10  # stopped, not waited out
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # already reaped


@pytest.mark.usefixtures("forking")
def test_a_build_with_a_second_core_writes_what_a_build_on_one_core_writes(make_site, tmp_path, monkeypatch):
    site = make_site({"content/products/keripik/depan.jpg": jpeg_bytes(),
                      "content/products/rengginang/index.md": "---\nname: Rengginang\ngroup: sido\nprice: 9000\n---\n"})
    started = []
    start = background._start  # noqa: SLF001
    monkeypatch.setattr(background, "_start", lambda *args: started.append(args[0].__name__) or start(*args))
    build(site, output=tmp_path / "small", cache_dir=tmp_path / "cache-small")
    assert started == []  # two products: each stage costs less than a child would
    monkeypatch.setattr(pipeline, "FORK_FROM", 2)
    build(site, output=tmp_path / "forked", cache_dir=tmp_path / "cache-forked")
    assert started == ["existing_output", "review", "_feeds"]  # the warnings, the output's scan and the feeds
    monkeypatch.setattr(background, "can_fork", lambda: False)
    build(site, output=tmp_path / "serial", cache_dir=tmp_path / "cache-serial")
    forked = {p.relative_to(tmp_path / "forked"): p.read_bytes() for p in (tmp_path / "forked").rglob("*") if p.is_file()}
    serial = {p.relative_to(tmp_path / "serial"): p.read_bytes() for p in (tmp_path / "serial").rglob("*") if p.is_file()}
    assert forked == serial == files_of_small(tmp_path)
    assert any(str(path).endswith(".csv") for path in forked)  # the feeds are among them
