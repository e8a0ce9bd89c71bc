// The pagemill viewer: the page with its detected blocks on the left, the Markdown on the right.
// Plain browser JavaScript, no build step. The server renders each block's Markdown to HTML
// (raw HTML escaped), so this file only places boxes and keeps the two sides in step.
"use strict";

const $ = (id) => document.getElementById(id);
const state = { jobId: null, view: null, page: 0, selected: null };
const POLL_MS = 300;

// ---- talking to the API (with the token when the server asks for one) ----

function token() { return sessionStorage.getItem("pagemill-token") || ""; }

async function api(path, options = {}) {
  const headers = new Headers(options.headers || {});
  if (token()) headers.set("Authorization", "Bearer " + token());
  const response = await fetch(path, { ...options, headers });
  if (response.status === 401) {
    $("token-box").hidden = false;
    throw new Error("this server needs an API token: enter it above and try again");
  }
  if (!response.ok) {
    let message = response.statusText;
    try { message = (await response.json()).message || message; } catch (e) { /* not JSON */ }
    throw new Error(message);
  }
  return response;
}

function say(text, isError = false) {
  $("status").textContent = text;
  $("status").classList.toggle("error", isError);
}

// ---- upload, jobs ----

async function upload(file) {
  const form = new FormData();
  form.append("file", file);
  say("uploading " + file.name + "…");
  const job = await (await api("/jobs", { method: "POST", body: form })).json();
  const done = await waitFor(job.id);
  await refreshJobs();
  if (done.state === "failed") throw new Error(done.message || done.status);
  await openJob(job.id);
}

async function waitFor(jobId) {
  for (;;) {
    const job = await (await api("/jobs/" + jobId)).json();
    if (job.state === "done" || job.state === "failed") return job;
    say("converting… (" + job.state + ")");
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

async function refreshJobs() {
  const { jobs } = await (await api("/jobs")).json();
  const select = $("jobs");
  select.length = 1;
  for (const job of jobs.filter((j) => j.state === "done")) {
    const when = new Date(job.created * 1000).toLocaleString();
    select.add(new Option(`${when} · ${job.id.slice(0, 8)} · ${job.status} · ${Math.round(job.size / 1024)} KB`, job.id));
  }
  select.value = state.jobId || "";
}

async function openJob(jobId) {
  say("opening…");
  state.view = await (await api("/jobs/" + jobId + "/view")).json();
  state.jobId = jobId;
  state.selected = null;
  location.hash = "job=" + jobId;
  $("jobs").value = jobId;
  $("download-md").disabled = $("download-json").disabled = false;
  drawLegend(state.view.palette);
  drawMarkdown(state.view);
  const shown = showPage(0);
  const blocks = state.view.pages.reduce((n, page) => n + page.blocks.length, 0);
  const errors = state.view.errors || [];
  const problems = errors.length ? ` · ${errors.length} error(s): ${errors[0]}` : "";
  // said before the image arrives, so that it never overwrites what a click said meanwhile
  say(`${state.view.pages.length} page(s), ${blocks} blocks, ${state.view.job.status}${problems}`, errors.length > 0);
  await shown;
}

// ---- drawing ----

function colour(kind, layer) {
  return layer === "furniture" ? "#8a8a8a" : (state.view.palette[kind] || "#000");
}

function drawLegend(palette) {
  const legend = $("legend");
  legend.replaceChildren();
  for (const [kind, value] of Object.entries(palette)) {
    const item = document.createElement("span");
    item.textContent = kind.replace("_", " ");
    item.style.setProperty("--colour", value);
    legend.append(item);
  }
  const furniture = document.createElement("span");
  furniture.textContent = "furniture (left out)";
  furniture.style.setProperty("--colour", "#8a8a8a");
  legend.append(furniture);
}

function drawMarkdown(view) {
  const article = $("markdown");
  article.replaceChildren();
  for (const [index, page] of view.pages.entries()) {
    const marker = document.createElement("div");
    marker.className = "page-break";
    marker.textContent = "page " + page.number;
    article.append(marker);
    for (const block of page.blocks) {
      if (!block.html) continue;
      const section = document.createElement("div");
      section.className = `md-block kind-${block.kind} depth-${Math.min(block.depth, 3)}`;
      section.id = "md-" + block.id;
      section.dataset.block = block.id;
      section.dataset.pageIndex = index;
      section.style.setProperty("--colour", colour(block.kind, block.layer));
      section.innerHTML = block.html; // rendered by the server with raw HTML escaped
      section.addEventListener("click", () => selectFromMarkdown(block.id, index));
      article.append(section);
    }
  }
}

async function showPage(index) {
  const page = state.view.pages[index];
  state.page = index;
  $("page-info").textContent = `page ${page.number} · ${index + 1} / ${state.view.pages.length}`;
  $("prev").disabled = index === 0;
  $("next").disabled = index === state.view.pages.length - 1;
  $("page").classList.toggle("ocr", page.origin === "ocr");
  $("page").style.aspectRatio = page.width ? `${page.width} / ${page.height}` : "auto";
  drawBoxes(page);
  if (!page.width) { // DOCX, HTML, a sheet, ...: no page picture, no boxes
    const image = $("page-image");
    if (image.src) URL.revokeObjectURL(image.src);
    image.removeAttribute("src");
    image.alt = "no page picture for this format";
    return;
  }
  const scale = Math.min(3, 1.5 * (window.devicePixelRatio || 1));
  const png = await api(`/jobs/${state.jobId}/pages/${page.number}.png?scale=${scale}`);
  const blob = await png.blob();
  if (state.page !== index) return; // another page was asked for while this one loaded
  const image = $("page-image");
  if (image.src) URL.revokeObjectURL(image.src);
  image.src = URL.createObjectURL(blob);
  image.alt = "page " + page.number;
}

function drawBoxes(page) {
  const boxes = $("boxes");
  boxes.replaceChildren();
  for (const block of page.blocks) {
    if (!block.bbox) continue; // formats without geometry
    const [x0, y0, x1, y1] = block.bbox;
    const box = document.createElement("div");
    box.className = `box kind-${block.kind} ${block.layer}`;
    box.dataset.block = block.id;
    box.title = block.layer === "furniture"
      ? `${block.order}. ${block.kind}, furniture: ${block.reason || "left out"}`
      : `${block.order}. ${block.kind}`;
    Object.assign(box.style, {
      left: (100 * x0 / page.width) + "%",
      top: (100 * y0 / page.height) + "%",
      width: (100 * (x1 - x0) / page.width) + "%",
      height: (100 * (y1 - y0) / page.height) + "%",
    });
    box.style.setProperty("--colour", colour(block.kind, block.layer));
    const order = document.createElement("span");
    order.className = "order";
    order.textContent = block.order;
    box.append(order);
    box.addEventListener("click", () => selectFromPage(block));
    boxes.append(box);
  }
  for (const [x0, y0, x1, y1] of page.ocr_regions || []) {
    const region = document.createElement("div");
    region.className = "ocr-region";
    region.title = "read by OCR";
    Object.assign(region.style, {
      left: (100 * x0 / page.width) + "%",
      top: (100 * y0 / page.height) + "%",
      width: (100 * (x1 - x0) / page.width) + "%",
      height: (100 * (y1 - y0) / page.height) + "%",
    });
    boxes.append(region);
  }
  if (state.selected) highlight(state.selected);
}

// ---- the two sides in step ----

function highlight(blockId) {
  state.selected = blockId;
  for (const old of document.querySelectorAll(".selected")) old.classList.remove("selected");
  for (const match of document.querySelectorAll(`[data-block="${CSS.escape(blockId)}"]`)) {
    match.classList.add("selected");
  }
}

function selectFromPage(block) {
  highlight(block.id);
  const target = $("md-" + block.id);
  if (target) {
    target.scrollIntoView({ block: "center", behavior: "instant" });
    say(`${block.order}. ${block.kind}`);
  } else {
    say(`${block.order}. ${block.kind}: not in the Markdown (${block.reason || block.layer})`);
  }
}

async function selectFromMarkdown(blockId, pageIndex) {
  highlight(blockId);
  // showPage draws the boxes (and so the highlight) before it waits for the image
  if (pageIndex !== state.page) await showPage(pageIndex);
  const box = document.querySelector(`.box[data-block="${CSS.escape(blockId)}"]`);
  if (box) box.scrollIntoView({ block: "center", behavior: "instant" });
}

// ---- downloads ----

async function download(format) {
  const extension = format === "markdown" ? "md" : "json";
  const response = await api(`/jobs/${state.jobId}/result?format=${format}`);
  const link = document.createElement("a");
  link.href = URL.createObjectURL(await response.blob());
  link.download = `${state.jobId}.${extension}`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10000);
}

// ---- wiring ----

function guarded(action) {
  return (...args) => action(...args).catch((error) => say(error.message, true));
}

$("file").addEventListener("change", guarded(async (event) => {
  const file = event.target.files[0];
  event.target.value = "";
  if (file) await upload(file);
}));
$("jobs").addEventListener("change", guarded(async (event) => {
  if (event.target.value) await openJob(event.target.value);
}));
$("prev").addEventListener("click", guarded(() => showPage(state.page - 1)));
$("next").addEventListener("click", guarded(() => showPage(state.page + 1)));
$("download-md").addEventListener("click", guarded(() => download("markdown")));
$("download-json").addEventListener("click", guarded(() => download("json")));
$("token").addEventListener("change", guarded(async (event) => {
  sessionStorage.setItem("pagemill-token", event.target.value);
  say("");
  await start();
}));

document.addEventListener("keydown", (event) => {
  if (!state.view || event.target.closest("input, select")) return;
  if (event.key === "ArrowLeft" && state.page > 0) guarded(showPage)(state.page - 1);
  if (event.key === "ArrowRight" && state.page < state.view.pages.length - 1) guarded(showPage)(state.page + 1);
});

async function start() {
  await refreshJobs();
  const match = location.hash.match(/job=([0-9a-f]+)/);
  if (match) await openJob(match[1]);
}

guarded(start)();
