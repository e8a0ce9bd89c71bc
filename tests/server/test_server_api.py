"""The HTTP API over a real socket: conversions, jobs, restarts, limits, hostile uploads."""

from __future__ import annotations

import io
import os
import socket
import subprocess
import sys
import threading
from pathlib import Path

import httpx
import pytest
from server_harness import ROOT, SAMPLE, Gate, Server, is_alive, wait_until

PDF = SAMPLE.read_bytes()


def raw_request(server: Server, head: str, body: bytes = b"") -> socket.socket:
    """Send a request head (and maybe part of a body) on a plain socket; the caller reads or closes."""
    sock = socket.create_connection(("127.0.0.1", server.port), timeout=60)
    sock.sendall(head.encode("latin-1") + b"\r\n" + body)
    return sock


def read_status(sock: socket.socket) -> tuple[int, str]:
    """The status code and head of the response on ``sock``."""
    received = b""
    while b"\r\n\r\n" not in received:
        chunk = sock.recv(65536)
        if not chunk:
            break
        received += chunk
    head = received.split(b"\r\n\r\n")[0].decode("latin-1")
    return int(head.split()[1]), head


def multipart_head(server: Server, length: int, boundary: str = "b0undary") -> str:
    return (
        f"POST /convert HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n"
        f"Content-Type: multipart/form-data; boundary={boundary}\r\nContent-Length: {length}\r\n"
    )


# ---- conversions ----


def test_convert_upload_gives_the_same_markdown_and_json_as_the_library(server: Server, sample_markdown: str) -> None:
    with server.client() as client:
        response = client.post("/convert", files={"file": ("sample.pdf", PDF, "application/pdf")})
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["markdown"] == sample_markdown
    blocks = body["document"]["pages"][0]["blocks"]
    assert {"kind", "page", "bbox", "text", "markdown", "layer"} <= set(blocks[0])
    assert body["document"]["source"].endswith(".pdf") and "sample" not in body["document"]["source"]
    assert server.uploads() == []


def test_convert_raw_body_with_options_as_query_parameters(server: Server) -> None:
    with server.client() as client:
        response = client.post(
            "/convert",
            params={"page_markers": "true", "format": "markdown"},
            content=PDF,
            headers={"Content-Type": "application/pdf"},
        )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/markdown")
    assert response.text.startswith("<!-- page 1 -->")


def test_options_as_form_fields_and_json_format(server: Server) -> None:
    with server.client() as client:
        response = client.post("/convert", files={"file": ("x.pdf", PDF)}, data={"furniture": "true", "format": "json"})
    assert response.status_code == 200
    tree = response.json()
    assert tree["schema"] == 1 and tree["pages"][0]["number"] == 1


@pytest.mark.parametrize(
    ("params", "data"),
    [
        ({"pagse": "1"}, {}),
        ({}, {"pagse": "1"}),
        ({"max_pages": "0"}, {}),
        ({"pages": "5-2"}, {}),
        ({"format": "x"}, {}),
    ],
)
def test_bad_options_are_refused_with_422(server: Server, params: dict, data: dict) -> None:
    with server.client() as client:
        response = client.post("/convert", params=params, data=data, files={"file": ("x.pdf", PDF)})
    assert response.status_code == 422
    assert server.uploads() == []


# ---- hostile uploads ----


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "empty"), (b"MZ\x90\x00 this is an executable, not a PDF" * 40, "not a PDF"), (PDF[:3000], "")],
)
def test_hostile_uploads_are_refused_and_leave_nothing_behind(server: Server, content: bytes, message: str) -> None:
    with server.client() as client:
        response = client.post("/convert", files={"file": ("x.pdf", content)})
        assert client.get("/health").status_code == 200
    assert response.status_code == 422
    assert message in response.json()["message"]
    assert server.uploads() == []


def test_client_file_name_is_never_used_on_disk(server: Server) -> None:
    hostile = "../../../escaped-upload.pdf"
    with server.client() as client:
        converted = client.post("/convert", files={"file": (hostile, PDF)})
        queued = client.post("/jobs", files={"file": ("/tmp/abs-escaped.pdf", PDF)})
        server.wait_for_job(client, queued.json()["id"])
    assert converted.status_code == 200 and queued.status_code == 202
    root = server.data_dir.parent
    assert not list(root.parent.rglob("escaped-upload.pdf"))
    assert not Path("/tmp/abs-escaped.pdf").exists()
    names = {p.name for p in server.data_dir.rglob("*") if p.is_file()}
    assert names <= {"jobs.sqlite", "jobs.sqlite-wal", "jobs.sqlite-shm", "input.pdf", "result.md", "result.json"}


def test_malformed_multipart_is_a_400(server: Server) -> None:
    with server.client() as client:
        no_file = client.post("/convert", data={"pages": "1"}, files={"other": ("x.pdf", b"%PDF-1.4 tiny")})
        no_boundary = client.post("/convert", content=b"--x\r\n", headers={"Content-Type": "multipart/form-data"})
    assert no_file.status_code == 400 and "'file'" in no_file.json()["message"]
    assert no_boundary.status_code == 400
    assert server.uploads() == []


# ---- limits ----


def test_upload_over_the_declared_limit_is_413_before_the_body_is_sent(start_server) -> None:
    server = start_server(max_upload_mb=1)
    sock = raw_request(server, multipart_head(server, 10**12))  # a terabyte announced, no byte sent
    try:
        code, head = read_status(sock)
    finally:
        sock.close()
    assert code == 413
    assert server.uploads() == []


@pytest.mark.parametrize("multipart", [False, True])
def test_upload_over_the_limit_without_content_length_is_413(start_server, multipart: bool) -> None:
    server = start_server(max_upload_mb=1)
    boundary = "b0undary"
    prefix = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n'.encode()
        if multipart
        else b""
    )
    content_type = f"multipart/form-data; boundary={boundary}" if multipart else "application/pdf"

    def body():  # streamed without a Content-Length: chunked transfer encoding
        yield prefix + b"%PDF-1.7\n"
        for _ in range(20):  # 1.25 MiB: over the limit, and small enough for the socket buffers
            yield b"0" * 65536

    with server.client() as client:
        response = client.post("/convert", content=body(), headers={"Content-Type": content_type})
        assert client.get("/health").json()["converting"] == 0
    assert response.status_code == 413
    assert server.uploads() == []


def test_over_the_concurrency_cap_is_503_with_retry_after(start_server) -> None:
    server = start_server(max_concurrent=1)
    # a client that starts an upload and stalls holds the only slot
    slow = raw_request(server, multipart_head(server, 100_000), b"--b0undary\r\n")
    try:
        with server.client() as client:
            wait_until(lambda: client.get("/health").json()["converting"] == 1, "the slow upload to take the slot")
            refused = client.post("/convert", files={"file": ("x.pdf", PDF)})
            assert refused.status_code == 503
            assert int(refused.headers["Retry-After"]) > 0
    finally:
        slow.close()
    with server.client() as client:
        # the stalled upload's file is removed when its client goes away, and the slot is free again
        wait_until(lambda: client.get("/health").json()["converting"] == 0, "the slot to be freed")
        wait_until(lambda: server.uploads() == [], "the stalled upload's file to be removed")
        assert client.post("/convert", files={"file": ("x.pdf", PDF)}).status_code == 200


def test_over_the_job_cap_is_503(start_server, gate: Gate) -> None:
    server = start_server(max_jobs=1, worker_argv=gate.worker_argv())
    with server.client() as client:
        first = client.post("/jobs", files={"file": ("x.pdf", PDF)})
        second = client.post("/jobs", files={"file": ("x.pdf", PDF)})
        assert first.status_code == 202
        assert second.status_code == 503 and "Retry-After" in second.headers
        gate.open()
        assert server.wait_for_job(client, first.json()["id"])["state"] == "done"
        assert client.post("/jobs", files={"file": ("x.pdf", PDF)}).status_code == 202
    assert server.uploads() == []


def test_a_conversion_past_its_time_limit_is_killed(start_server, gate: Gate) -> None:
    # the gate never opens: a worker given a document waits until it is killed
    server = start_server(convert_timeout_s=5, job_timeout_s=5, worker_argv=gate.worker_argv())
    with server.client() as client:
        job = client.post("/jobs", files={"file": ("x.pdf", PDF)}).json()
        job_worker = wait_until(gate.pids, "the job's worker to take its document")[0]
        finished = server.wait_for_job(client, job["id"])
        result = client.get(f"/jobs/{job['id']}/result")
        converted = client.post("/convert", files={"file": ("x.pdf", PDF)})
    assert finished["state"] == "failed" and finished["status"] == "timeout"
    assert result.status_code == 504
    assert converted.status_code == 504 and converted.json()["error"] == "timeout"
    workers = gate.pids()
    assert len(workers) == 2 and job_worker in workers
    for pid in workers:
        wait_until(lambda pid=pid: not is_alive(pid), f"worker {pid} to be killed")
    assert server.uploads() == []


def test_a_worker_that_crashes_fails_that_document_only(start_server) -> None:
    # a native crash in PDFium looks like this from the server: the worker dies by a signal
    server = start_server(worker_argv=[sys.executable, "-c", "import os; os.abort()"])
    with server.client() as client:
        converted = client.post("/convert", files={"file": ("x.pdf", PDF)})
        job = server.wait_for_job(client, client.post("/jobs", files={"file": ("x.pdf", PDF)}).json()["id"])
        assert client.get("/health").status_code == 200
    assert converted.status_code == 422 and "stopped unexpectedly" in converted.json()["message"]
    assert (job["state"], job["status"]) == ("failed", "failed")
    assert server.uploads() == []


def test_a_worker_that_cannot_start_is_reported_not_hung(start_server, tmp_path: Path) -> None:
    server = start_server(worker_argv=[str(tmp_path / "no-such-worker")])
    with server.client() as client:
        converted = client.post("/convert", files={"file": ("x.pdf", PDF)})
        job = server.wait_for_job(client, client.post("/jobs", files={"file": ("x.pdf", PDF)}).json()["id"])
    assert converted.status_code == 422 and "could not start" in converted.json()["message"]
    assert (job["state"], job["message"]) == ("failed", "the server could not start its converter")


# ---- jobs ----


def test_job_lifecycle(start_server, gate: Gate, sample_markdown: str) -> None:
    server = start_server(worker_argv=gate.worker_argv())
    with server.client() as client:
        submitted = client.post("/jobs", files={"file": ("sample.pdf", PDF)}, data={"pages": "1"})
        assert submitted.status_code == 202
        job_id = submitted.json()["id"]
        assert submitted.headers["Location"] == f"/jobs/{job_id}"
        wait_until(lambda: client.get(f"/jobs/{job_id}").json()["state"] == "running", "the job to start")
        assert client.get(f"/jobs/{job_id}/result").status_code == 409
        gate.open()
        job = server.wait_for_job(client, job_id)
        assert (job["state"], job["status"], job["options"]) == ("done", "ok", {"pages": "1"})
        assert client.get(f"/jobs/{job_id}/result", params={"format": "markdown"}).text == sample_markdown
        both = client.get(f"/jobs/{job_id}/result").json()
        assert both["markdown"] == sample_markdown and both["document"]["pages"][0]["blocks"]
        assert [j["id"] for j in client.get("/jobs").json()["jobs"]] == [job_id]
        view = client.get(f"/jobs/{job_id}/view").json()
        blocks = view["pages"][0]["blocks"]
        assert [b["order"] for b in blocks] == list(range(1, len(blocks) + 1))
        assert all(b["html"] for b in blocks if b["layer"] == "body")
        assert not any(b["html"] for b in blocks if b["layer"] == "furniture")
        assert view["palette"]["heading"].startswith("#") and view["errors"] == []
        png = client.get(f"/jobs/{job_id}/pages/1.png", params={"scale": 1})
        assert png.status_code == 200 and png.content.startswith(b"\x89PNG")
        assert client.get(f"/jobs/{job_id}/pages/2.png").status_code == 404
        assert client.get(f"/jobs/{job_id}/pages/0.png").status_code == 404
        assert client.delete(f"/jobs/{job_id}").status_code == 204
        assert client.get(f"/jobs/{job_id}").status_code == 404
        missing = client.get("/jobs/not-a-job/result")
        assert missing.status_code == 404 and missing.json()["error"] == "http_404"
    assert not (server.data_dir / "jobs" / job_id).exists()


def test_the_password_is_never_shown(server: Server) -> None:
    with server.client() as client:
        job = client.post("/jobs", files={"file": ("x.pdf", PDF)}, data={"password": "s3cret"}).json()
        finished = server.wait_for_job(client, job["id"])
        listed = client.get("/jobs").text
    assert "s3cret" not in str(job) + str(finished) + listed


@pytest.mark.parametrize("how", ["killed", "stopped"])
def test_a_job_in_flight_when_the_server_goes_down_completes_after_a_restart(
    start_server, gate: Gate, sample_markdown: str, tmp_path: Path, how: str
) -> None:
    data = tmp_path / "data"
    first = start_server(data, worker_argv=gate.worker_argv())
    with first.client() as client:
        job_id = client.post("/jobs", files={"file": ("x.pdf", PDF)}).json()["id"]
        wait_until(lambda: client.get(f"/jobs/{job_id}").json()["state"] == "running", "the job to start")
    if how == "killed":
        first.kill()  # SIGKILL: nothing of the server runs after it
    else:
        first.stop()  # SIGTERM: the server shuts down and kills its workers
    # the killed server's worker ends on its own: it must not write into the re-run's folder
    for pid in gate.pids():
        wait_until(lambda pid=pid: not is_alive(pid), f"orphaned worker {pid} to exit")
    # what a killed server can leave: an upload still arriving, a conversion's folder
    (data / "uploads" / "arriving.pdf").write_bytes(PDF[:100])
    (data / "uploads" / "convert-x").mkdir()
    (data / "uploads" / "convert-x" / "result.part").write_text("half")
    second = start_server(data)  # the real worker this time
    assert second.uploads() == []
    with second.client() as client:
        job = second.wait_for_job(client, job_id)
        assert (job["state"], job["status"], job["attempts"]) == ("done", "ok", 2)
        assert client.get(f"/jobs/{job_id}/result", params={"format": "markdown"}).text == sample_markdown


def test_concurrent_clients_all_get_the_same_answer(start_server, sample_markdown: str) -> None:
    server = start_server(max_concurrent=4, workers=2)
    answers: list[tuple[str, int, str]] = []

    def convert() -> None:
        with server.client() as client:
            response = client.post("/convert", files={"file": ("x.pdf", PDF)})
            answers.append(("convert", response.status_code, response.json().get("markdown", "")))

    def submit() -> None:
        with server.client() as client:
            job_id = client.post("/jobs", files={"file": ("x.pdf", PDF)}).json()["id"]
            server.wait_for_job(client, job_id)
            response = client.get(f"/jobs/{job_id}/result", params={"format": "markdown"})
            answers.append(("job", response.status_code, response.text))

    threads = [threading.Thread(target=convert) for _ in range(4)] + [threading.Thread(target=submit) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(answers) == 8
    assert all(code == 200 and markdown == sample_markdown for _, code, markdown in answers), answers
    assert server.uploads() == []


# ---- token, schema ----


def test_the_token_is_needed_everywhere_but_health_and_the_viewer(start_server) -> None:
    server = start_server(token="t0ken")
    with server.client() as anonymous:
        assert anonymous.get("/health").status_code == 200
        viewer = anonymous.get("/")
        assert viewer.status_code == 200 and "script-src" not in viewer.headers["Content-Security-Policy"]
        assert "default-src 'self'" in viewer.headers["Content-Security-Policy"]
        assert anonymous.get("/static/viewer.js").status_code == 200
        for method, path in [("GET", "/jobs"), ("POST", "/convert"), ("GET", "/openapi.json"), ("GET", "/jobs/x")]:
            assert anonymous.request(method, path).status_code == 401, path
        assert anonymous.get("/jobs", headers={"Authorization": "Bearer wrong"}).status_code == 401
    with server.client(headers={"Authorization": "Bearer t0ken"}) as client:
        assert client.get("/jobs").status_code == 200
        assert client.post("/convert", files={"file": ("x.pdf", PDF)}).status_code == 200


def test_openapi_schema_describes_the_upload_routes(server: Server) -> None:
    with server.client() as client:
        schema = client.get("/openapi.json").json()
    assert {"/convert", "/jobs", "/jobs/{job_id}", "/jobs/{job_id}/result", "/health"} <= set(schema["paths"])
    convert = schema["paths"]["/convert"]["post"]
    assert "file" in convert["requestBody"]["content"]["multipart/form-data"]["schema"]["properties"]
    assert {p["name"] for p in convert["parameters"]} >= {"pages", "password", "furniture", "format"}
    furniture = next(p for p in convert["parameters"] if p["name"] == "furniture")
    assert furniture["schema"] == {"type": "string", "enum": ["drop", "keep"]}


def test_pagemill_serve_command_starts_the_service_with_the_token_from_the_environment(tmp_path: Path) -> None:
    with socket.socket() as probe:  # a free port; the tiny race with other programs is acceptable here
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "pagemill.cli", "serve", "--port", str(port), "--data-dir", str(tmp_path / "d")]
    env = {**os.environ, "PAGEMILL_TOKEN": "from-env"}
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"

    def up() -> bool:
        try:
            return httpx.get(base + "/health").status_code == 200
        except httpx.TransportError:
            return process.poll() is not None  # exited: stop waiting, the asserts below say why

    try:
        wait_until(up, "pagemill serve to answer")
        assert process.poll() is None
        assert httpx.get(base + "/jobs").status_code == 401
        assert httpx.get(base + "/jobs", headers={"Authorization": "Bearer from-env"}).status_code == 200
    finally:
        process.terminate()
        process.wait(timeout=60)
    assert (tmp_path / "d" / "jobs.sqlite").exists()


def _minimal_docx() -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="x"/>')
        package.writestr(
            "word/document.xml",
            '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            "<w:body><w:p><w:r><w:t>A paragraph from Word.</w:t></w:r></w:p></w:body></w:document>",
        )
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "markdown"),
    [
        (_minimal_docx(), "A paragraph from Word.\n"),
        (b"<!doctype html><html><body><main><h1>Web page</h1><p>Its text.</p></main></body></html>", None),
    ],
)
def test_convert_accepts_other_formats_sniffed_from_the_bytes(
    server: Server, content: bytes, markdown: str | None
) -> None:
    with server.client() as client:
        response = client.post("/convert", files={"file": ("misnamed.pdf", content, "application/pdf")})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["markdown"] == (markdown or "# Web page\n\nIts text.\n")
    assert "bbox" not in body["document"]["pages"][0]["blocks"][0]  # no geometry in these formats
    assert server.uploads() == []


def test_page_image_of_a_page_read_turned_is_turned_like_its_blocks(server: Server, tmp_path: Path) -> None:
    """A page of sideways text is read turned upright: the viewer's picture turns with it, so the
    blocks' boxes (in the turned frame) fall on their text."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    pdf = tmp_path / "sideways.pdf"
    canvas = Canvas(str(pdf), pagesize=A4)
    canvas.translate(A4[0] - 80, 80)
    canvas.rotate(90)  # every line runs up the portrait page
    canvas.setFont("Helvetica", 11)
    for i in range(20):
        canvas.drawString(0, -20 * i, f"Line {i + 1} of a landscape page printed sideways on a portrait sheet.")
    canvas.save()
    with server.client() as client:
        job_id = client.post("/jobs", files={"file": ("sideways.pdf", pdf.read_bytes())}).json()["id"]
        job = server.wait_for_job(client, job_id)
        assert job["state"] == "done"
        (page,) = client.get(f"/jobs/{job_id}/result").json()["document"]["pages"]
        assert page["rotation"] in (90, 270) and page["width"] > page["height"]
        png = client.get(f"/jobs/{job_id}/pages/1.png", params={"scale": 1})
        assert png.status_code == 200
    from PIL import Image

    with Image.open(io.BytesIO(png.content)) as image:
        assert image.width > image.height  # landscape, as the page's blocks are
