"""The HTTP API and the viewer, one FastAPI app: ``create_app(ServerSettings(...))``.

    GET  /health                     no token needed
    POST /convert                    upload -> Markdown and JSON, synchronous, for small files
    POST /jobs                       upload -> a queued job (202), for long ones
    GET  /jobs                       the most recent jobs
    GET  /jobs/{id}                  state and status of one job
    GET  /jobs/{id}/result           ?format=both|markdown|json
    GET  /jobs/{id}/view             blocks with their Markdown rendered to HTML, for the viewer
    GET  /jobs/{id}/pages/{n}.png    a page image
    DELETE /jobs/{id}
    GET  /                           the viewer (static files, no token needed)

Conversions run in worker processes (workers.py), so a timeout can kill one and a
crash in PDFium cannot take the server down; jobs are kept in SQLite (jobs.py).
"""

from __future__ import annotations

import functools
import hmac
import io
import json
import shutil
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import FileResponse, JSONResponse, PlainTextResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Receive, Scope, Send

from .. import __version__
from ..debug import KIND_COLOURS, render_page, render_picture
from ..errors import PagemillError
from ..options import Options
from ..readers import sniff
from .jobs import Job, JobRunner, JobStore
from .settings import ServerSettings
from .uploads import BadUpload, UploadTooLarge, receive_upload, removed_after, removed_on_error
from .viewer import page_view
from .workers import Outcome, WorkerProcesses, run_worker

STATIC = Path(__file__).parent / "static"
#: query/form keys that are not conversion options
RESERVED = {"format"}
FORMATS = ("both", "markdown", "json")
#: the viewer runs only its own script: text from a PDF can never become code (page images are blob: URLs)
VIEWER_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' blob:; object-src 'none'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
}
#: HTTP status for each reason a document is refused (errors.py's ``status`` words)
REFUSAL_CODES = {"resource_limit": 413, "timeout": 504}


class Busy(Exception):
    """The concurrency cap is reached (answered 503 with Retry-After)."""


class TokenCheck:
    """ASGI middleware: ``Authorization: Bearer <token>`` on every route but the open ones.

    It runs before any route reads the body, so an unauthorised upload costs nothing.
    """

    OPEN_PATHS = ("/health", "/", "/index.html", "/favicon.ico")

    def __init__(self, app: ASGIApp, token: str | None) -> None:
        self.app = app
        self.expected = f"Bearer {token}".encode() if token else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.expected and scope["type"] == "http" and not self._is_open(scope["path"]):
            given = dict(scope["headers"]).get(b"authorization", b"")
            if not hmac.compare_digest(given, self.expected):
                response = JSONResponse(
                    {"error": "unauthorized", "message": "give the API token as 'Authorization: Bearer <token>'"},
                    status_code=401,
                    headers={"WWW-Authenticate": "Bearer"},
                )
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)

    def _is_open(self, path: str) -> bool:
        return path in self.OPEN_PATHS or path.startswith("/static/")


def _upload_body_doc() -> dict[str, Any]:
    """OpenAPI text for routes that read the body themselves (so it is streamed, not buffered)."""
    options = [
        {
            "name": name,
            "in": "query",
            "required": False,
            "description": field.description or "",
            "schema": _json_schema(field.annotation),
        }
        for name, field in Options.model_fields.items()
    ]
    answer = {
        "name": "format",
        "in": "query",
        "required": False,
        "description": "both: JSON with markdown and document (default); markdown; json (the block tree)",
        "schema": {"type": "string", "enum": list(FORMATS)},
    }
    return {
        "parameters": [*options, answer],
        "requestBody": {
            "required": True,
            "content": {
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "properties": {"file": {"type": "string", "format": "binary"}},
                        "required": ["file"],
                        "additionalProperties": {"type": "string", "description": "an Options field"},
                    }
                },
                "application/pdf": {"schema": {"type": "string", "format": "binary"}},
                # any other format pagemill reads (DOCX, an image, HTML, ...): the type is sniffed from the bytes
                "application/octet-stream": {"schema": {"type": "string", "format": "binary"}},
            },
        },
    }


def _json_schema(annotation: Any) -> dict[str, Any]:
    if get_origin(annotation) is Literal:  # furniture keep|drop, math latex|unicode|off
        return {"type": "string", "enum": list(get_args(annotation))}
    return {"type": {bool: "boolean", int: "integer", float: "number"}.get(annotation, "string")}


def _error(status_code: int, error: str, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": error, "message": message}, status_code=status_code, headers=headers)


def _parse_options(values: dict[str, str]) -> dict[str, Any]:
    """Options from query and form fields, validated: an unknown key is an error (422)."""
    given = {key: value for key, value in values.items() if key not in RESERVED}
    options = Options.model_validate(given)
    return options.model_dump(exclude_defaults=True)


def _format(values: dict[str, str]) -> str:
    chosen = values.get("format", "both")
    if chosen not in FORMATS:
        raise HTTPException(422, f"format must be one of {', '.join(FORMATS)}")
    return chosen


class Service:
    """What the routes share: settings, the job store and runner, the count of conversions."""

    def __init__(self, settings: ServerSettings) -> None:
        self.settings = settings
        self.store = JobStore(settings.data_dir)
        # idle workers kept: enough for the job pool and the synchronous conversions together
        self.workers = WorkerProcesses(settings.worker_argv, keep_idle=settings.workers + settings.max_concurrent)
        self.runner = JobRunner(self.store, settings, self.workers)
        self.converting = 0

    def retry_after(self) -> dict[str, str]:
        return {"Retry-After": str(self.settings.retry_after_s)}

    async def receive(self, request: Request) -> tuple[Path, dict[str, str]]:
        """The upload, saved and sniffed, and the query + form fields merged."""
        query = dict(request.query_params)
        _parse_options(query)  # fail on a bad option before reading a byte of the body
        upload = await receive_upload(request, self.store.uploads_dir, self.settings.max_upload_bytes)
        with removed_on_error(upload.path):
            values = {**query, **upload.fields}
            sniff(str(upload.path), self.settings.max_upload_mb)
        return upload.path, values

    async def convert_now(self, source: Path, options: dict[str, Any], chosen: str) -> Response:
        """Convert in a worker process into a temporary folder, removed on every path."""
        outdir = Path(tempfile.mkdtemp(prefix="convert-", dir=self.store.uploads_dir))
        try:
            settings = self.settings
            outcome = await run_worker(self.workers, source, outdir, options, settings.convert_timeout_s)
            return _result_response(outdir, chosen) if outcome.converted else _refusal(outcome)
        finally:
            shutil.rmtree(outdir, ignore_errors=True)


def _result_response(folder: Path, chosen: str) -> Response:
    markdown = (folder / "result.md").read_text(encoding="utf-8")
    if chosen == "markdown":
        return PlainTextResponse(markdown, media_type="text/markdown; charset=utf-8")
    tree = json.loads((folder / "result.json").read_text(encoding="utf-8"))
    if chosen == "json":
        return JSONResponse(tree)
    return JSONResponse({"status": tree["status"], "errors": tree["errors"], "markdown": markdown, "document": tree})


def _refusal(outcome: Outcome) -> JSONResponse:
    return _error(REFUSAL_CODES.get(outcome.status, 422), outcome.status, outcome.message or outcome.status)


def create_app(settings: ServerSettings) -> FastAPI:
    """The whole service; uvicorn runs it (``pagemill serve``) and the tests start it the same way."""
    service = Service(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        service.workers.warm()
        service.runner.start()
        yield
        await service.runner.stop()
        await service.workers.close()
        service.store.close()

    # no /docs: Swagger UI would load its scripts from a CDN; /openapi.json is served
    app = FastAPI(title="pagemill", version=__version__, lifespan=lifespan, docs_url=None, redoc_url=None)
    app.state.service = service
    _add_error_handlers(app, service)
    _add_routes(app, service)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_middleware(TokenCheck, token=settings.token)
    return app


def _add_error_handlers(app: FastAPI, service: Service) -> None:
    @app.exception_handler(UploadTooLarge)
    async def too_large(request: Request, exc: UploadTooLarge) -> Response:
        return _error(413, "too_large", str(exc), {"Connection": "close"})

    @app.exception_handler(BadUpload)
    async def bad_upload(request: Request, exc: BadUpload) -> Response:
        return _error(400, "bad_upload", str(exc))

    @app.exception_handler(ValidationError)
    async def bad_options(request: Request, exc: ValidationError) -> Response:
        details = [{"option": ".".join(map(str, e["loc"])), "message": e["msg"]} for e in exc.errors()]
        return JSONResponse({"error": "invalid_options", "message": "invalid options", "details": details}, 422)

    @app.exception_handler(PagemillError)
    async def refused(request: Request, exc: PagemillError) -> Response:
        return _error(REFUSAL_CODES.get(exc.status, 422), exc.status, exc.message)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        # one shape for every error: {"error": ..., "message": ...}
        return _error(exc.status_code, f"http_{exc.status_code}", str(exc.detail), dict(exc.headers or {}))

    @app.exception_handler(Busy)
    async def busy(request: Request, exc: Busy) -> Response:
        return _error(503, "busy", str(exc), service.retry_after())


def _add_routes(app: FastAPI, service: Service) -> None:
    store = service.store

    @app.get("/health")
    async def health() -> dict[str, Any]:
        """Whether the server is up, and how busy."""
        return {
            "status": "ok",
            "version": __version__,
            "converting": service.converting,
            "jobs_active": store.active_count(),
        }

    @app.post("/convert", openapi_extra=_upload_body_doc())
    async def convert(request: Request) -> Response:
        """Convert an upload now. ``format``: both (JSON with markdown and document), markdown, json."""
        if service.converting >= service.settings.max_concurrent:
            raise Busy(f"{service.converting} conversions running, the limit is {service.settings.max_concurrent}")
        service.converting += 1
        try:
            return await _convert(request)
        finally:
            service.converting -= 1

    async def _convert(request: Request) -> Response:
        source, values = await service.receive(request)
        with removed_after(source):
            return await service.convert_now(source, _parse_options(values), _format(values))

    @app.post("/jobs", status_code=202, openapi_extra=_upload_body_doc())
    async def submit(request: Request) -> Response:
        """Queue an upload for conversion; poll ``GET /jobs/{id}``, then fetch ``/jobs/{id}/result``."""
        if store.active_count() >= service.settings.max_jobs:
            raise Busy(f"{service.settings.max_jobs} jobs queued or running, the limit")
        source, values = await service.receive(request)
        with removed_on_error(source):
            job = service.runner.submit(source, _parse_options(values))
        return JSONResponse(job.public(), status_code=202, headers={"Location": f"/jobs/{job.id}"})

    @app.get("/jobs")
    async def recent() -> dict[str, Any]:
        """The most recent jobs, newest first."""
        return {"jobs": [job.public() for job in store.recent()]}

    def find(job_id: str) -> Job:
        job = store.get(job_id)
        if job is None:
            raise HTTPException(404, f"no job {job_id}")
        return job

    def finished(job_id: str) -> Job:
        job = find(job_id)
        if job.state in ("queued", "running"):
            raise HTTPException(409, f"job {job_id} is {job.state}")
        return job

    @app.get("/jobs/{job_id}")
    async def job_state(job_id: str) -> dict[str, Any]:
        """One job: ``state`` is queued, running, done or failed; ``status`` says how it ended."""
        return find(job_id).public()

    @app.get("/jobs/{job_id}/result")
    async def job_result(job_id: str, format: str = "both") -> Response:  # noqa: A002 - the API's word
        """The Markdown and JSON of a finished job; 409 while it runs, the refusal when it failed."""
        job = finished(job_id)
        if job.state == "failed":
            return _refusal(Outcome(job.status or "failed", job.message))
        return _result_response(store.folder(job.id), _format({"format": format}))

    @app.get("/jobs/{job_id}/view")
    async def job_view(job_id: str) -> dict[str, Any]:
        """Pages and blocks with each block's Markdown rendered to HTML (for the viewer)."""
        job = finished(job_id)
        if job.state == "failed":
            raise HTTPException(422, job.message or job.status or "failed")
        tree = json.loads((store.folder(job.id) / "result.json").read_text(encoding="utf-8"))
        furniture = job.options.get("furniture") in ("keep", True)  # True: a job from before keep|drop
        return {
            "job": job.public(),
            "palette": KIND_COLOURS,
            "errors": tree["errors"],
            "pages": [page_view(page, furniture) for page in tree["pages"]],
        }

    @app.get("/jobs/{job_id}/pages/{number}.png")
    async def page_image(job_id: str, number: int, scale: float = 1.5) -> Response:
        """Page ``number`` (1-based) of the job's PDF as a PNG, ``scale`` pixels per point."""
        job = find(job_id)
        source = store.folder(job.id) / "input.pdf"
        if not source.exists():
            raise HTTPException(404, "the job's document is gone")
        if not 0.1 <= scale <= 4:
            raise HTTPException(422, "scale must be between 0.1 and 4")
        rotation = _page_rotation(store.folder(job.id) / "result.json", number)
        png = await run_in_threadpool(_png, source, number, scale, job.options.get("password"), rotation)
        if png is None:
            raise HTTPException(404, f"no page {number}")
        return Response(png, media_type="image/png", headers={"Cache-Control": "private, max-age=3600"})

    @app.delete("/jobs/{job_id}")
    async def forget(job_id: str) -> Response:
        """Remove a finished job and its files."""
        finished(job_id)
        store.delete(job_id)
        return Response(status_code=204)

    @app.get("/", include_in_schema=False)
    async def viewer() -> Response:
        return FileResponse(STATIC / "index.html", headers=VIEWER_HEADERS)


def _page_rotation(result: Path, number: int) -> int | None:
    """The turn of page ``number`` in the job's JSON (a page of sideways text is read turned upright, and
    its blocks' boxes are in that frame); None before the job has a result."""
    try:
        stamp = result.stat().st_mtime_ns
    except OSError:
        return None
    return _rotations(str(result), stamp).get(number)


@functools.lru_cache(maxsize=8)
def _rotations(result: str, stamp: int) -> dict[int, int]:
    """Each page's turn in a result file (read once per file and version: ``stamp``)."""
    try:
        tree = json.loads(Path(result).read_text(encoding="utf-8"))
        return {int(page["number"]): int(page.get("rotation", 0)) for page in tree["pages"]}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def _png(source: Path, number: int, scale: float, password: str | None, rotation: int | None = None) -> bytes | None:
    if number < 1:
        return None
    try:
        kind = sniff(str(source))
        if kind == "image":
            image = render_picture(source, number, scale)
        elif kind == "pdf":
            image = render_page(source, number, scale, password, rotation)
        else:
            return None  # DOCX, HTML, ... have no page pictures
    except (IndexError, PagemillError):
        return None
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()
