//! The page's inline style sheet and script. Both are constants: nothing
//! from a document ever goes inside `<style>` or `<script>`.

/// The style sheet.
pub(crate) const STYLE: &str = r#"
:root{--person:#2563eb;--anonymous:#c2410c;--organization:#047857;--unattributed:#6b7280;
--per:#ddd6fe;--org:#bae6fd;--loc:#fde68a;--misc:#e5e7eb;--qty:#fbcfe8;--ink:#1f2937;--muted:#6b7280}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);background:#f8fafc}
header.top{padding:14px 24px;background:#111827;color:#f9fafb;display:flex;flex-wrap:wrap;gap:10px 28px;align-items:center}
header.top h1{font-size:18px;margin:0;font-weight:650;letter-spacing:.02em}
.legend{display:flex;flex-wrap:wrap;gap:6px 14px;align-items:center;font-size:12.5px}
.legend .group{display:flex;gap:5px;align-items:center}
.legend .group>b{font-weight:600;color:#d1d5db;margin-right:2px}
.chip{display:inline-block;padding:0 6px;border-radius:4px;color:var(--ink);font-size:11.5px;line-height:18px}
.chip.ent-PER{background:var(--per)}.chip.ent-ORG{background:var(--org)}.chip.ent-LOC{background:var(--loc)}.chip.ent-MISC{background:var(--misc)}
.chip.qty{background:var(--qty)}
.chip.k-person{background:var(--person);color:#fff}.chip.k-anonymous{background:var(--anonymous);color:#fff}
.chip.k-organization{background:var(--organization);color:#fff}.chip.k-none{background:var(--unattributed);color:#fff}
.chip.sentence{background:#fff;border-left:3px solid #cbd5e1}
nav.docs{padding:12px 24px;background:#fff;border-bottom:1px solid #e5e7eb}
nav.docs ol{margin:4px 0 0;padding-left:22px;columns:2 320px}
nav.docs li.error a{color:#b91c1c}
main{padding:8px 24px 40px}
section.doc{display:grid;grid-template-columns:minmax(0,1fr) 390px;gap:22px;margin:16px 0 28px;align-items:start}
section.doc>h2{grid-column:1/-1;margin:0;font-size:17px;font-weight:650;overflow-wrap:anywhere}
section.doc>h2 small{font-weight:400;color:var(--muted);font-size:13px;margin-left:8px}
section.doc.error{display:block;background:#fef2f2;border:1px solid #fecaca;border-radius:8px;padding:12px 16px}
section.doc.error p{margin:6px 0 0}
.text{background:#fff;border:1px solid #e5e7eb;border-radius:8px;padding:18px 22px;white-space:pre-wrap;overflow-wrap:anywhere;line-height:2.05;font-size:16px;font-family:Georgia,"Times New Roman",serif}
.sent.first::before{content:"";display:inline-block;width:0;height:1em;border-left:2px solid #e2e8f0;margin:0 3px 0 1px;vertical-align:-2px}
.sent:hover{background:#f8fafc}
.ent{border-radius:3px;padding:1px 2px;box-decoration-break:clone;-webkit-box-decoration-break:clone}
.ent-PER{background:var(--per)}.ent-ORG{background:var(--org)}.ent-LOC{background:var(--loc)}.ent-MISC{background:var(--misc)}
.ent.last::after{content:attr(data-label);font:600 9px/1 system-ui,sans-serif;letter-spacing:.04em;margin-left:3px;padding:1px 3px;border-radius:3px;background:rgba(255,255,255,.75);color:#374151;vertical-align:2px}
.quote{--k:var(--unattributed);border-bottom:2.5px solid var(--k);background:color-mix(in srgb,var(--k) 7%,transparent);box-decoration-break:clone;-webkit-box-decoration-break:clone;cursor:pointer}
.quote.quote-indirect{border-bottom-style:dashed}
.by-person{--k:var(--person)}.by-anonymous{--k:var(--anonymous)}.by-organization{--k:var(--organization)}
.spk{--k:var(--unattributed);outline:1.5px solid var(--k);outline-offset:1px;border-radius:3px;cursor:pointer;font-weight:600}
.spk-person{--k:var(--person)}.spk-anonymous{--k:var(--anonymous)}.spk-organization{--k:var(--organization)}
.spk.last::after{content:attr(data-badge);font:600 10px/1 system-ui,sans-serif;margin-left:5px;padding:2px 5px;border-radius:9px;background:var(--k);color:#fff;vertical-align:2px;white-space:nowrap}
.cue{text-decoration:underline dotted 1.5px;text-underline-offset:3px;cursor:pointer}
.qty{background:var(--qty);border-radius:3px;padding:1px 2px;border-bottom:1.5px dotted #be185d;cursor:help;box-decoration-break:clone;-webkit-box-decoration-break:clone}
.hl.quote{background:color-mix(in srgb,var(--k) 22%,transparent)}
.hl.spk,.hl.cue{background:color-mix(in srgb,var(--k,#6b7280) 25%,transparent)}
.hl.qty{background:#f9a8d4}
.pin.quote,.pin.spk{box-shadow:0 0 0 2px color-mix(in srgb,var(--k) 45%,transparent)}
aside.summary{background:#fff;border:1px solid #e5e7eb;border-radius:8px;padding:12px 16px;font-size:13.5px;position:sticky;top:10px;max-height:calc(100vh - 20px);overflow:auto}
aside h3{font-size:13px;text-transform:uppercase;letter-spacing:.06em;color:var(--muted);margin:12px 0 6px}
aside h3:first-child{margin-top:2px}
aside .counts{display:flex;flex-wrap:wrap;gap:4px 12px;color:var(--muted)}
aside .counts b{color:var(--ink)}
aside table{width:100%;border-collapse:collapse}
aside td,aside th{padding:3px 4px;border-bottom:1px solid #f1f5f9;text-align:left;vertical-align:top}
aside th{font-weight:600;color:var(--muted);font-size:12px}
aside td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
aside tr[data-link]{cursor:pointer}
aside tr.hl{background:#f1f5f9}
aside .bykind{display:flex;flex-wrap:wrap;gap:6px;margin:2px 0 6px}
aside .none{color:var(--muted);font-style:italic}
.err-kind{font:600 12px ui-monospace,monospace;background:#fee2e2;color:#991b1b;padding:1px 6px;border-radius:4px}
"#;

/// The script: links quotes, speakers, cues and figures on hover and
/// click, opens the annotation a link's `#doc-N-KEY` fragment names, and
/// finally sets `data-newsie-ready` on the body (tests read it to know the
/// script ran to its end).
pub(crate) const SCRIPT: &str = r#"
(function () {
  "use strict";
  function linked(el) {
    var section = el.closest("section.doc");
    var keys = (el.getAttribute("data-link") || "").split(" ");
    var found = [el];
    if (!section) return found;
    section.querySelectorAll("[data-key]").forEach(function (other) {
      if (keys.indexOf(other.getAttribute("data-key")) >= 0) found.push(other);
    });
    return found;
  }
  function mark(el, cls, on) {
    linked(el).forEach(function (x) { x.classList.toggle(cls, on); });
  }
  document.addEventListener("mouseover", function (ev) {
    var el = ev.target.closest && ev.target.closest("[data-link]");
    if (el) mark(el, "hl", true);
  });
  document.addEventListener("mouseout", function (ev) {
    var el = ev.target.closest && ev.target.closest("[data-link]");
    if (el) mark(el, "hl", false);
  });
  function unpinAll() {
    document.querySelectorAll(".pin").forEach(function (x) { x.classList.remove("pin"); });
  }
  document.addEventListener("click", function (ev) {
    var el = ev.target.closest && ev.target.closest("[data-link]");
    if (!el) return;
    var wasPinned = el.classList.contains("pin");
    unpinAll();
    if (!wasPinned) mark(el, "pin", true);
  });
  function openFragment() {
    var m = /^#doc-(\d+)-([a-z]\d+)$/.exec(location.hash);
    if (!m) return;
    var section = document.getElementById("doc-" + m[1]);
    if (!section) return;
    var el = section.querySelector('[data-key="' + m[2] + '"]');
    if (!el) return;
    unpinAll();
    mark(el, "pin", true);
    el.scrollIntoView({ block: "center" });
  }
  window.addEventListener("hashchange", openFragment);
  openFragment();
  document.body.setAttribute("data-newsie-ready", "1");
})();
"#;
