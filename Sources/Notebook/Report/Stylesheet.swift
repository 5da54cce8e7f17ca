/// The report's CSS: a light textbook page that needs no network (system fonts only).
///
/// Class vocabulary the HTML renderer can rely on:
/// - layout: `body > .page` holding `nav.toc` (sidebar, sticky) and `main`; `nav.pager` with
///   `a.prev` / `a.next`; `header.chapter-header` with `.summary` (check counts)
/// - cells: `section.cell` (`.cell.failed`, `.cell.not-run`), `pre.source > code` (highlighted
///   with `.kw .ty .str .num .com .attr`, styled only inside `code`), `pre.output`, `.cell-meta` (id, run time),
///   `details.long-output > summary` for folded output, `.rich-output` for plots and tables
/// - checks: `.check` with `.badge.pass` / `.badge.fail` / `.badge.not-run`, `.expected` and
///   `.actual` blocks, diff marks `.diff-del`, `.diff-ins`, `.num-mismatch`
/// - math: `.math-display` (a display formula), `merror` and `.math-error`
/// - figures: `svg.folio-plot`, `table.folio-table` (`td.numeric` right-aligned), `table.tensor`
/// - index: `table.book-index` with `.counts`
public enum ReportStylesheet {
    /// The complete stylesheet, to be inlined in a `<style>` element.
    public static let css = """
    :root {
      --text: #1f2328; --muted: #57606a; --rule: #d8dee4; --paper: #ffffff; --tint: #f6f8fa;
      --accent: #0b5cad; --pass: #1a7f37; --pass-bg: #dafbe1; --fail: #cf222e; --fail-bg: #ffebe9;
      --skip: #6e7781; --skip-bg: #eaeef2; --code-bg: #f6f8fa;
      --serif: "Iowan Old Style", "Palatino Linotype", Palatino, "Book Antiqua", Georgia, "DejaVu Serif", serif;
      --sans: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif;
      --mono: ui-monospace, "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", "Liberation Mono", monospace;
      --math: math, "STIX Two Math", "Latin Modern Math", "Cambria Math", "DejaVu Math TeX Gyre", "Noto Sans Math";
    }
    * { box-sizing: border-box; }
    html { font-size: 17px; -webkit-text-size-adjust: 100%; }
    body { margin: 0; color: var(--text); background: var(--paper); font-family: var(--serif); line-height: 1.6; }
    .page { display: grid; grid-template-columns: minmax(12rem, 16rem) minmax(0, 46rem); gap: 3rem;
      justify-content: center; padding: 2rem 1.5rem 4rem; }
    main { min-width: 0; }
    h1, h2, h3, h4 { font-family: var(--sans); line-height: 1.25; margin: 2rem 0 0.75rem; }
    h1 { font-size: 2rem; margin-top: 0; }
    h2 { font-size: 1.45rem; border-bottom: 1px solid var(--rule); padding-bottom: 0.3rem; }
    h3 { font-size: 1.2rem; }
    p, ul, ol { margin: 0 0 1rem; }
    a { color: var(--accent); text-decoration: none; }
    a:hover { text-decoration: underline; }
    blockquote { margin: 0 0 1rem; padding: 0.2rem 1rem; border-left: 4px solid var(--rule); color: var(--muted); }
    hr { border: 0; border-top: 1px solid var(--rule); margin: 2rem 0; }
    img { max-width: 100%; }

    /* Table of contents and navigation */
    nav.toc { position: sticky; top: 1.5rem; align-self: start; max-height: calc(100vh - 3rem); overflow-y: auto;
      font-family: var(--sans); font-size: 0.85rem; line-height: 1.4; }
    nav.toc .book-title { font-weight: 600; display: block; margin-bottom: 0.75rem; color: var(--text); }
    nav.toc ol, nav.toc ul { list-style: none; padding-left: 0.9rem; margin: 0; }
    nav.toc > ol, nav.toc > ul { padding-left: 0; }
    nav.toc li { margin: 0.3rem 0; }
    nav.toc a { color: var(--muted); }
    nav.toc a:hover, nav.toc a.current { color: var(--accent); }
    nav.pager { display: flex; justify-content: space-between; gap: 1rem; margin: 3rem 0 0; padding-top: 1rem;
      border-top: 1px solid var(--rule); font-family: var(--sans); font-size: 0.95rem; }
    nav.pager a.prev::before { content: "← "; }
    nav.pager a.next { margin-left: auto; }
    nav.pager a.next::after { content: " →"; }
    header.chapter-header .summary { font-family: var(--sans); font-size: 0.9rem; color: var(--muted); }

    /* Code and highlighting */
    code, pre, kbd { font-family: var(--mono); font-size: 0.84rem; }
    :not(pre) > code { background: var(--code-bg); padding: 0.1em 0.3em; border-radius: 4px; }
    pre { background: var(--code-bg); border: 1px solid var(--rule); border-radius: 6px; padding: 0.75rem 1rem;
      overflow-x: auto; line-height: 1.45; margin: 0 0 1rem; tab-size: 4; }
    pre code { background: none; padding: 0; font-size: inherit; }
    code .kw { color: #a626a4; font-weight: 600; }
    code .ty { color: #0b6e99; }
    code .str { color: #b4451f; }
    code .num { color: #1a7f37; }
    code .com { color: #6e7781; font-style: italic; }
    code .attr { color: #8250df; }

    /* Cells, outputs and checks */
    section.cell { margin: 1.25rem 0 1.5rem; }
    section.cell pre.source { border-left: 3px solid var(--accent); margin-bottom: 0.4rem; }
    section.cell.failed pre.source { border-left-color: var(--fail); }
    section.cell.not-run { opacity: 0.65; }
    section.cell.not-run pre.source { border-left-color: var(--skip); border-style: dashed; }
    .cell-meta { font-family: var(--sans); font-size: 0.75rem; color: var(--muted); display: flex; gap: 0.75rem;
      justify-content: flex-end; margin: -0.2rem 0 0.4rem; }
    pre.output { background: #fff; border-style: dashed; white-space: pre-wrap; word-break: break-word; }
    pre.output.error, pre.diagnostics { background: var(--fail-bg); border-color: #ffcecb; color: #82071e; }
    details.long-output { margin: 0 0 1rem; }
    details.long-output > summary { cursor: pointer; font-family: var(--sans); font-size: 0.85rem; color: var(--accent); margin-bottom: 0.4rem; }
    details.long-output:not([open]) > summary::after { content: " (folded)"; color: var(--muted); }
    .rich-output { margin: 0.5rem 0 1rem; overflow-x: auto; }
    .check { font-family: var(--sans); font-size: 0.9rem; display: flex; flex-wrap: wrap; align-items: baseline;
      gap: 0.5rem; margin: 0.3rem 0; }
    .check .expected, .check .actual { flex-basis: 100%; margin: 0.25rem 0 0; }
    .badge { display: inline-block; font-family: var(--sans); font-size: 0.72rem; font-weight: 700; letter-spacing: 0.04em;
      text-transform: uppercase; padding: 0.1rem 0.5rem; border-radius: 999px; border: 1px solid currentColor; white-space: nowrap; }
    .badge.pass { color: var(--pass); background: var(--pass-bg); }
    .badge.fail { color: var(--fail); background: var(--fail-bg); }
    .badge.not-run { color: var(--skip); background: var(--skip-bg); }
    .diff-del { background: #ffd7d5; color: #82071e; text-decoration: line-through; text-decoration-color: rgba(130, 7, 30, 0.5); }
    .diff-ins { background: #ccffd8; color: #055d20; text-decoration: none; }
    .num-mismatch { background: #fff8c5; outline: 1px solid #d4a72c; border-radius: 2px; font-weight: 600; }

    /* Tables */
    table { border-collapse: collapse; margin: 0 0 1rem; font-size: 0.92rem; }
    th, td { border-bottom: 1px solid var(--rule); padding: 0.35rem 0.75rem; text-align: left; vertical-align: top; }
    th { font-family: var(--sans); font-weight: 600; border-bottom: 2px solid var(--text); }
    td.numeric, th.numeric { text-align: right; font-variant-numeric: tabular-nums; }
    table.folio-table td { font-family: var(--mono); font-size: 0.84rem; }
    table.tensor { font-family: var(--mono); font-size: 0.82rem; border-left: 2px solid var(--text); border-right: 2px solid var(--text); }
    table.tensor td { border: 0; padding: 0.1rem 0.6rem; text-align: right; }
    table.book-index td.counts { font-family: var(--sans); white-space: nowrap; }

    /* Figures */
    figure { margin: 1rem 0 1.5rem; }
    figcaption { font-family: var(--sans); font-size: 0.85rem; color: var(--muted); margin-top: 0.3rem; }
    svg.folio-plot { display: block; max-width: 100%; height: auto; font-family: var(--sans); }

    /* Math */
    math { font-family: var(--math); font-size: 1.05em; }
    .math-display { margin: 0.5rem 0 1rem; overflow-x: auto; overflow-y: hidden; padding: 0.2rem 0; }
    /* Keep the UA's `display: block math`: a plain `display: block` would lay the formula out as text. */
    math[display="block"] { margin: 0.5rem 0; }
    merror, .math-error { background: #fff8c5; border: 1px solid var(--fail); color: var(--fail); padding: 0 0.2em;
      font-family: var(--mono); font-size: 0.85em; }

    @media (max-width: 62rem) {
      .page { grid-template-columns: minmax(0, 46rem); gap: 1rem; }
      nav.toc { position: static; max-height: none; border-bottom: 1px solid var(--rule); padding-bottom: 1rem; }
    }

    @media print {
      html { font-size: 11pt; }
      .page { display: block; padding: 0; }
      nav.toc, nav.pager { display: none; }
      a { color: inherit; }
      pre, table, figure, .math-display, section.cell { break-inside: avoid; }
      h1, h2, h3 { break-after: avoid; }
      pre { white-space: pre-wrap; border-color: #999; }
      details.long-output > summary { display: none; }
      details.long-output::details-content { content-visibility: visible; display: block; }
      section.cell.not-run { opacity: 1; }
      .badge { border-width: 1px; }
    }
    """
}
