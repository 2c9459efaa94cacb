// The engine alone in a module Web Worker, as the sandbox's worker runs it, for
// tests/bench/scale.mjs: load an estate (AWS JSON text), then time reach queries one by one with
// performance.now() (the bench page is cross-origin isolated, so the worker's clock is fine too).
// Request {glue, url, queries: [{from, to, protocol, port}], n}; answer {loadMs, results}.

self.addEventListener('message', async (event) => {
  const { glue, url, queries, n } = event.data;
  try {
    const m = await import(glue);
    await m.default();
    const text = await (await fetch(url)).text();
    const s = new m.Session();
    const t0 = performance.now();
    const summary = s.loadDocuments(text);
    const loadMs = performance.now() - t0;
    const results = [];
    for (const q of queries) {
      const first = s.reach(q.from, q.to, q.protocol, q.port);
      const samples = [];
      for (let i = 0; i < n; i += 1) {
        const t = performance.now();
        s.reach(q.from, q.to, q.protocol, q.port);
        samples.push(performance.now() - t);
      }
      // The answer's own cost on the JS side: the trace crosses as JSON text that the glue parses
      // (crates/wasm/src/js.rs), so time JSON.parse of the same text, n times.
      const json = JSON.stringify(first);
      const parse = [];
      for (let i = 0; i < n; i += 1) {
        const t = performance.now();
        JSON.parse(json);
        parse.push(performance.now() - t);
      }
      results.push({ ...q, reachable: first.reachable, samples, parse, answerBytes: json.length });
    }
    self.postMessage({ ok: true, bytes: text.length, summary, loadMs, results });
  } catch (err) {
    self.postMessage({ ok: false, error: String(err?.stack ?? err) });
  }
});
