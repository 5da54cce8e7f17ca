/// The CSS inlined into every page, so that reports read without a network.
enum ReportStyle {
    static let css = """
    :root { --fg: #1d232a; --muted: #5f6b76; --line: #d9dee3; --code-bg: #f6f8fa; --pass: #1a7f37; --fail: #cf222e; --accent: #0b5cad; }
    * { box-sizing: border-box; }
    body { margin: 0; color: var(--fg); font: 16px/1.6 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; }
    .page { display: grid; grid-template-columns: minmax(0, 15rem) minmax(0, 52rem); gap: 2.5rem; max-width: 72rem; margin: 0 auto; padding: 1.5rem; }
    nav.chapters { grid-column: 1 / -1; display: flex; justify-content: space-between; gap: 1rem; font-size: .9rem; border-bottom: 1px solid var(--line); padding-bottom: .6rem; }
    nav.chapters.bottom { border-bottom: 0; border-top: 1px solid var(--line); padding-top: .6rem; }
    a { color: var(--accent); text-decoration: none; } a:hover { text-decoration: underline; }
    aside.toc { position: sticky; top: 1rem; align-self: start; font-size: .88rem; }
    aside.toc ul { list-style: none; padding-left: 0; margin: 0; } aside.toc li.level-3 { padding-left: 1rem; }
    main { min-width: 0; }
    header.chapter h1 { margin: 0 0 .3rem; }
    .summary { color: var(--muted); font-size: .9rem; margin: 0 0 1.5rem; }
    .badge { display: inline-block; border-radius: 1rem; padding: 0 .55rem; font-size: .8rem; font-weight: 600; color: #fff; white-space: nowrap; }
    .badge.pass { background: var(--pass); } .badge.fail { background: var(--fail); } .badge.notrun, .badge.norun { background: #8c959f; }
    pre { background: var(--code-bg); border: 1px solid var(--line); border-radius: 6px; padding: .7rem .9rem; overflow-x: auto; font: 13.5px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; margin: 0; }
    code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .92em; }
    section.cell { margin: 1.2rem 0; border-left: 3px solid var(--line); padding-left: .8rem; }
    section.cell.failed { border-left-color: var(--fail); } section.cell.notrun { opacity: .65; }
    .cell-head { display: flex; gap: .7rem; align-items: center; font-size: .8rem; color: var(--muted); margin-bottom: .3rem; }
    .cell-head .time { margin-left: auto; }
    pre.output { background: #fff; border-style: dashed; margin-top: .4rem; }
    pre.output.expected { border-color: #8c959f; }
    pre.stderr, pre.diagnostics { background: #fff5f5; border-color: #f3c4c7; margin-top: .4rem; }
    details { margin-top: .4rem; font-size: .85rem; }
    .rich { margin-top: .4rem; overflow-x: auto; }
    ul.checks { list-style: none; padding: 0; margin: .4rem 0 0; font-size: .9rem; }
    ul.checks li { margin: .25rem 0; }
    .where { color: var(--muted); font-size: .8rem; }
    pre.diff mark { background: #ffd8d3; color: var(--fail); font-weight: 700; border-radius: 2px; }
    .diff-expected { color: #7d4e00; } .diff-actual { color: #0a3069; } .diff-same { color: var(--muted); }
    table.expected-actual { border-collapse: collapse; font-size: .85rem; margin-top: .3rem; }
    table.expected-actual th { text-align: left; color: var(--muted); font-weight: 500; padding-right: .8rem; vertical-align: top; }
    table.index { border-collapse: collapse; width: 100%; } table.index td, table.index th { border-bottom: 1px solid var(--line); padding: .45rem .6rem; text-align: left; }
    table.index td.count { text-align: right; font-variant-numeric: tabular-nums; }
    @media (max-width: 50rem) { .page { grid-template-columns: minmax(0, 1fr); } aside.toc { position: static; } }
    """
}
