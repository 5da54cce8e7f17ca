/// The report's one stylesheet: a textbook page that needs no network (system fonts only), light by
/// default and dark when the reader's system asks for it (`prefers-color-scheme: dark`): every
/// colour is a custom property that the dark block redefines, and plots are recoloured through the
/// classes NotebookRuntime puts on their frame (`.plot-bg`, `.plot-ink`, `.ticks`, `.grid`, `.axis`).
/// Chapter pages and `index.html` inline it in a `<style>` element.
///
/// Class vocabulary, as `ChapterPage`, `BookIndex`, the highlighter, the math converter and
/// NotebookRuntime's plots write it:
/// - layout: `body > .page` holding `nav.chapters.top` / `nav.chapters.bottom` (previous, index,
///   next), `aside.toc` (sidebar, sticky; `li.level-2`, `li.level-3`) and `main`;
///   `header.chapter`, `p.summary` (check counts); `.page.single` for the index (no sidebar)
/// - cells: `section.cell` (`.cell.failed`, `.cell.notrun`) with `.cell-head` (anchor, badge,
///   `.time`), `pre.source > code` (highlighted with `.kw .ty .str .num .com .attr`, styled only
///   inside `code`), `pre.output` (`.output.expected` for a cell that did not run),
///   `pre.stderr`, `pre.diagnostics`, `details.long-output > summary` for folded output,
///   `details.crash`, `div.rich` for plots and tables, `details.fold > summary` for a `fold` cell
/// - checks: `ul.checks > li.check.pass` / `li.check.fail` with `.badge.pass` / `.badge.fail` /
///   `.badge.notrun` / `.badge.norun`, `.where` (file:line), `pre.diff` (`.diff-same`,
///   `.diff-expected`, `.diff-actual`, differing tokens in `mark`), `table.expected-actual`
/// - math: `.math-display` (a display formula; scrolls sideways with a shadow at an edge that hides
///   more), `merror`
/// - figures: `svg.folio-plot`, `table.folio-table` (`td.numeric` right-aligned)
/// - index: `header.book` (title and introduction), `table.index` with `td.count`, `p.api-link`
public enum ReportStylesheet {
    /// The complete stylesheet, to be inlined in a `<style>` element.
    public static let css = """
    :root {
      --text: #1f2328; --muted: #57606a; --rule: #d8dee4; --paper: #ffffff; --tint: #f6f8fa;
      --accent: #0b5cad; --pass: #1a7f37; --pass-bg: #dafbe1; --fail: #cf222e; --fail-bg: #ffebe9;
      --skip: #6e7781; --skip-bg: #eaeef2; --code-bg: #f6f8fa; --output-bg: #ffffff;
      --error-text: #82071e; --error-rule: #ffcecb; --added: #055d20; --mark-bg: #fff8c5; --mark-rule: #d4a72c;
      --hl-kw: #a626a4; --hl-ty: #0b6e99; --hl-str: #b4451f; --hl-num: #1a7f37; --hl-com: #6e7781; --hl-attr: #8250df;
      --shadow: rgba(31, 35, 40, 0.22);
      color-scheme: light dark;
      --serif: "Iowan Old Style", "Palatino Linotype", Palatino, "Book Antiqua", Georgia, "DejaVu Serif", serif;
      --sans: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif;
      --mono: ui-monospace, "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", "Liberation Mono", monospace;
      --math: math, "STIX Two Math", "Latin Modern Math", "Cambria Math", "DejaVu Math TeX Gyre", "Noto Sans Math";
    }
    * { box-sizing: border-box; }
    html { font-size: 17px; -webkit-text-size-adjust: 100%; }
    body { margin: 0; color: var(--text); background: var(--paper); font-family: var(--serif); line-height: 1.6; }
    .page { display: grid; grid-template-columns: minmax(11rem, 15rem) minmax(0, 46rem); gap: 1rem 3rem;
      justify-content: center; padding: 1.5rem 1.5rem 3rem; }
    .page.single { grid-template-columns: minmax(0, 52rem); }
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

    /* Navigation and table of contents */
    nav.chapters { grid-column: 1 / -1; display: flex; justify-content: space-between; gap: 1rem;
      font-family: var(--sans); font-size: 0.9rem; border-bottom: 1px solid var(--rule); padding-bottom: 0.6rem; }
    nav.chapters.bottom { border-bottom: 0; border-top: 1px solid var(--rule); padding: 0.8rem 0 0; margin-top: 2rem; }
    aside.toc { position: sticky; top: 1.5rem; align-self: start; max-height: calc(100vh - 3rem); overflow-y: auto;
      font-family: var(--sans); font-size: 0.85rem; line-height: 1.4; }
    aside.toc strong { display: block; margin-bottom: 0.6rem; }
    aside.toc ul { list-style: none; padding-left: 0; margin: 0; }
    aside.toc li { margin: 0.3rem 0; }
    aside.toc li.level-3 { padding-left: 0.9rem; }
    aside.toc a { color: var(--muted); }
    aside.toc a:hover { color: var(--accent); }
    header.chapter h1 { margin-bottom: 0.3rem; }
    .summary { font-family: var(--sans); font-size: 0.9rem; color: var(--muted); margin: 0 0 1.5rem; }

    /* Code and highlighting */
    code, pre, kbd { font-family: var(--mono); font-size: 0.84rem; }
    :not(pre) > code { background: var(--code-bg); padding: 0.1em 0.3em; border-radius: 4px; }
    pre { background: var(--code-bg); border: 1px solid var(--rule); border-radius: 6px; padding: 0.75rem 1rem;
      overflow-x: auto; line-height: 1.45; margin: 0 0 1rem; tab-size: 4; }
    pre code { background: none; padding: 0; font-size: inherit; }
    code .kw { color: var(--hl-kw); font-weight: 600; }
    code .ty { color: var(--hl-ty); }
    code .str { color: var(--hl-str); }
    code .num { color: var(--hl-num); }
    code .com { color: var(--hl-com); font-style: italic; }
    code .attr { color: var(--hl-attr); }

    /* Cells and their outputs */
    section.cell { margin: 1.25rem 0 1.5rem; }
    .cell-head { display: flex; gap: 0.7rem; align-items: center; font-family: var(--sans); font-size: 0.75rem;
      color: var(--muted); margin-bottom: 0.25rem; }
    .cell-head a { color: var(--muted); }
    .cell-head .time { margin-left: auto; font-variant-numeric: tabular-nums; }
    section.cell pre.source { border-left: 3px solid var(--accent); margin-bottom: 0.4rem; }
    section.cell.failed pre.source { border-left-color: var(--fail); }
    section.cell.notrun { opacity: 0.65; }
    section.cell.notrun pre.source { border-left-color: var(--skip); border-style: dashed; }
    pre.output { background: var(--output-bg); border-style: dashed; white-space: pre-wrap; word-break: break-word; margin-bottom: 0.4rem; }
    pre.output.expected { border-color: var(--skip); color: var(--muted); }
    pre.stderr, pre.diagnostics { background: var(--fail-bg); border-color: var(--error-rule); color: var(--error-text); margin-bottom: 0.4rem; }
    details.long-output, details.crash { margin: 0 0 0.4rem; }
    details.long-output > summary, details.crash > summary { cursor: pointer; font-family: var(--sans); font-size: 0.85rem;
      color: var(--accent); margin-bottom: 0.4rem; }
    details.long-output:not([open]) > summary::after { content: " (folded; click to show)"; color: var(--muted); }
    /* A `fold` cell: the source behind a summary line that reads like the cell's border. */
    details.fold { margin: 0 0 0.4rem; }
    details.fold > summary { cursor: pointer; font-family: var(--sans); font-size: 0.85rem; color: var(--accent);
      border-left: 3px solid var(--accent); background: var(--code-bg); padding: 0.4rem 0.75rem; border-radius: 6px; }
    details.fold:not([open]) > summary::after { content: " (folded; click to show)"; color: var(--muted); }
    details.fold[open] > summary { border-radius: 6px 6px 0 0; margin-bottom: 0; }
    .rich { margin: 0.5rem 0 1rem; overflow-x: auto; }
    p.record { font-family: var(--sans); font-size: 0.8rem; color: var(--muted); margin: 0 0 0.4rem; }
    p.record::before { content: "⏺ "; color: var(--accent); }
    p.record.fail { color: var(--fail); }

    /* Checks */
    ul.checks { list-style: none; padding: 0; margin: 0.4rem 0 0; }
    li.check { font-family: var(--sans); font-size: 0.9rem; margin: 0.3rem 0; }
    .where { color: var(--muted); font-size: 0.8rem; font-family: var(--mono); }
    .badge { display: inline-block; font-family: var(--sans); font-size: 0.72rem; font-weight: 700; letter-spacing: 0.04em;
      text-transform: uppercase; padding: 0.1rem 0.5rem; border-radius: 999px; border: 1px solid currentColor; white-space: nowrap; }
    .badge.pass { color: var(--pass); background: var(--pass-bg); }
    .badge.fail { color: var(--fail); background: var(--fail-bg); }
    .badge.notrun, .badge.norun { color: var(--skip); background: var(--skip-bg); }
    /* Inline values of the prose: the computed value reads as text, with a faint underline. */
    span.inline-value { border-bottom: 1px dotted var(--muted); }
    code.inline-value.notrun { color: var(--skip); }
    code.inline-value.fail { color: var(--fail); background: var(--fail-bg); }
    pre.diff { background: var(--output-bg); margin: 0.3rem 0 0.5rem; }
    .diff-same { color: var(--muted); }
    .diff-expected { color: var(--error-text); }
    .diff-actual { color: var(--added); }
    pre.diff mark { background: var(--mark-bg); color: inherit; outline: 1px solid var(--mark-rule); border-radius: 2px; font-weight: 700; }
    table.expected-actual { font-size: 0.85rem; margin: 0.3rem 0 0.5rem; }
    table.expected-actual th { border-bottom: 1px solid var(--rule); color: var(--muted); font-weight: 500; }

    /* Tables */
    table { border-collapse: collapse; margin: 0 0 1rem; font-size: 0.92rem; }
    th, td { border-bottom: 1px solid var(--rule); padding: 0.35rem 0.75rem; text-align: left; vertical-align: top; }
    th { font-family: var(--sans); font-weight: 600; border-bottom: 2px solid var(--text); }
    td.numeric, th.numeric { text-align: right; font-variant-numeric: tabular-nums; }
    table.folio-table td { font-family: var(--mono); font-size: 0.84rem; }
    table.index { width: 100%; font-family: var(--sans); }
    table.index .count { text-align: right; font-variant-numeric: tabular-nums; }
    table.index code { overflow-wrap: anywhere; }
    header.book { margin-bottom: 1.5rem; }
    header.book .intro { font-size: 1.05rem; }
    p.api-link { font-family: var(--sans); font-size: 0.9rem; }

    /* Figures */
    figure { margin: 1rem 0 1.5rem; }
    figcaption { font-family: var(--sans); font-size: 0.85rem; color: var(--muted); margin-top: 0.3rem; }
    svg.folio-plot { display: block; max-width: 100%; height: auto; font-family: var(--sans); }
    svg.folio-plot .plot-bg { fill: var(--paper); }

    /* Math */
    math { font-family: var(--math); font-size: 1.05em; }
    /* A formula wider than the column scrolls; a shadow at the edge that hides more says so (the
       covers scroll with the formula, the shadows stay: pure CSS, no script). */
    .math-display { display: block; margin: 0.5rem 0 1rem; overflow-x: auto; overflow-y: hidden; padding: 0.2rem 0;
      scrollbar-width: thin;
      background: linear-gradient(to right, var(--paper) 40%, transparent) left center / 2.5rem 100% no-repeat local,
        linear-gradient(to left, var(--paper) 40%, transparent) right center / 2.5rem 100% no-repeat local,
        radial-gradient(farthest-side at 0 50%, var(--shadow), transparent) left center / 0.9rem 100% no-repeat scroll,
        radial-gradient(farthest-side at 100% 50%, var(--shadow), transparent) right center / 0.9rem 100% no-repeat scroll; }
    /* Keep the UA's `display: block math`: a plain `display: block` would lay the formula out as text. */
    math[display="block"] { margin: 0.5rem 0; }
    merror { background: var(--mark-bg); border: 1px solid var(--fail); color: var(--fail); padding: 0 0.2em;
      font-family: var(--mono); font-size: 0.85em; }

    @media (max-width: 62rem) {
      .page { grid-template-columns: minmax(0, 46rem); gap: 1rem; }
      aside.toc { position: static; max-height: none; border-bottom: 1px solid var(--rule); padding-bottom: 1rem; }
    }

    /* A phone: narrower margins; the index drops its count columns (the badge says the same). */
    @media (max-width: 40rem) {
      html { font-size: 16px; }
      .page { padding: 1rem 0.8rem 2rem; }
      h1 { font-size: 1.6rem; }
      table.index .count { display: none; }
      table.index th, table.index td { padding: 0.35rem 0.4rem; }
      nav.chapters { flex-wrap: wrap; }
    }

    @media screen and (prefers-color-scheme: dark) {
      :root {
        --text: #e6edf3; --muted: #9198a1; --rule: #3d444d; --paper: #0d1117; --tint: #151b23;
        --accent: #4493f8; --pass: #3fb950; --pass-bg: #0f2a1a; --fail: #ff7b72; --fail-bg: #2d1416;
        --skip: #9198a1; --skip-bg: #21262d; --code-bg: #161b22; --output-bg: #0d1117;
        --error-text: #ffa198; --error-rule: #6e2a2a; --added: #7ee787; --mark-bg: #4b3d0a; --mark-rule: #bb8009;
        --hl-kw: #ff7ad9; --hl-ty: #79c0ff; --hl-str: #ffa657; --hl-num: #7ee787; --hl-com: #8b949e; --hl-attr: #d2a8ff;
        --shadow: rgba(0, 0, 0, 0.7);
      }
      svg.folio-plot .plot-ink { fill: var(--text); }
      svg.folio-plot .ticks, svg.folio-plot .color-bar text { fill: var(--muted); }
      svg.folio-plot .grid { stroke: #2d333b; }
      svg.folio-plot .axis { stroke: var(--muted); }
      svg.folio-plot .labels { fill: var(--text); stroke: var(--paper); }
    }

    @media print {
      html { font-size: 11pt; }
      .page { display: block; padding: 0; }
      aside.toc, nav.chapters { display: none; }
      a { color: inherit; }
      pre, table, figure, .math-display, .rich { break-inside: avoid; }
      h1, h2, h3 { break-after: avoid; }
      pre { white-space: pre-wrap; border-color: #999; }
      details.long-output > summary, details.crash > summary { display: none; }
      details.long-output::details-content, details.crash::details-content { content-visibility: visible; display: block; }
      section.cell.notrun { opacity: 1; }
    }
    """
}
