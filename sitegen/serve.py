"""`sitegen serve`: build, serve on 127.0.0.1, rebuild on change and reload the browser."""

from __future__ import annotations

import html
from pathlib import Path

from sitegen.build import BuildFailed, build

WATCHED = ("site.yaml", "content", "themes")


def serve(project: Path, output: Path | None, port: int, cache_dir: Path | None = None) -> None:
    """Serve the built site; a failed rebuild keeps the last good site and shows the error."""
    from livereload import Server

    project = project.resolve()
    output = (output or project / "output").resolve()
    base_url = f"http://127.0.0.1:{port}/"
    error_page = output.parent / f".{output.name}-error.html"

    def rebuild() -> None:
        try:
            build(project, output, base_url, cache_dir)
            error_page.unlink(missing_ok=True)
            print(f"OK: {output}")
        except BuildFailed as failure:
            error_page.write_text(render_error_page(failure.messages), encoding="utf-8")
            print("\n".join(failure.messages))

    rebuild()
    server = Server()
    for name in WATCHED:
        server.watch(str(project / name), rebuild, delay=0.2)
    print(f"http://127.0.0.1:{port}/")
    server.serve(host="127.0.0.1", port=port, root=str(output), open_url_delay=None)


def render_error_page(messages: list[str]) -> str:
    """A plain page that lists build errors, shown instead of the site while they last."""
    items = "".join(f"<li><code>{html.escape(m)}</code></li>" for m in messages)
    return f"<!doctype html><meta charset=utf-8><title>sitegen</title><ul>{items}</ul>"
