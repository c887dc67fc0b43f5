"""The ``einfluence`` process's end (:mod:`einfluence.cli.process`): nothing it must do is skipped."""

import os
import subprocess
import sys
import textwrap

import pytest


def _python(code: str, stdout=subprocess.PIPE) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], stdout=stdout, stderr=subprocess.PIPE,
                          timeout=120)


def test_leave_runs_exit_handlers_flushes_output_and_keeps_the_status(tmp_path):
    mark = tmp_path / "handler-ran"
    done = _python(f"""
        import atexit, sys
        from einfluence.cli.process import leave
        atexit.register(lambda: open({str(mark)!r}, "w").write("yes"))
        sys.stdout.write("x" * 200_000)  # more than any buffer: the flush must happen
        sys.stderr.write("last words")
        leave(3)
        print("never")
    """)
    assert done.returncode == 3
    assert done.stdout == b"x" * 200_000
    assert done.stderr == b"last words"
    assert mark.read_text() == "yes"


def test_leave_waits_for_a_thread_still_working(tmp_path):
    mark = tmp_path / "thread-finished"
    done = _python(f"""
        import threading, time
        from einfluence.cli.process import leave
        def work():
            time.sleep(0.5)
            open({str(mark)!r}, "w").write("done")
        threading.Thread(target=work).start()
        leave(0)
    """)
    assert done.returncode == 0, done.stderr
    assert mark.read_text() == "done"


def test_leave_with_a_message_prints_it_and_fails():
    done = _python("""
        from einfluence.cli.process import leave
        leave("stopped: a message, as SystemExit gives it")
    """)
    assert done.returncode == 1
    assert b"stopped: a message" in done.stderr


def test_a_closed_pipe_is_not_an_error():
    """``einfluence rank | head``: the reader is gone before the output is flushed."""
    reader = subprocess.Popen([sys.executable, "-c", "pass"], stdin=subprocess.PIPE)
    writer = subprocess.Popen([sys.executable, "-c", textwrap.dedent("""
        import sys, time
        from einfluence.cli.process import leave
        sys.stdout.write("row\\n" * 100)  # kept in the stream's buffer until the flush
        time.sleep(1.0)
        leave(0)
    """)], stdout=reader.stdin, stderr=subprocess.PIPE, env={**os.environ, "PYTHONUNBUFFERED": ""})
    reader.stdin.close()  # only the writer holds the pipe now
    reader.wait(timeout=60)
    _, stderr = writer.communicate(timeout=60)
    assert writer.returncode == 0
    assert stderr == b"", stderr


@pytest.mark.parametrize("argv, status", [(["--version"], 0), (["rank", "--db", "/nonexistent/x.duckdb"], 1)])
def test_the_console_script_keeps_output_and_exit_status(argv, status):
    done = subprocess.run([sys.executable, "-m", "einfluence", *argv], capture_output=True, text=True, timeout=120)
    assert done.returncode == status
    if status == 0:
        assert done.stdout.startswith("einfluence ")
    else:
        assert done.stderr.startswith("einfluence: error: ") and "x.duckdb" in done.stderr


def test_the_command_runs_with_a_raised_collection_threshold():
    done = _python("""
        import gc, sys
        from einfluence.cli import process
        sys.argv = ["einfluence", "--version"]
        import atexit
        atexit.register(lambda: print("threshold", gc.get_threshold()[0]))
        process.run()
    """)
    assert done.returncode == 0
    assert f"threshold {50_000}".encode() in done.stdout
