import FolioProtocol
/// Writes `MathNode` trees as MathML (MathML Core, as Chromium, Firefox and Safari render it).
///
/// Output is compact (no white space between elements) and every text is XML-escaped.
enum MathMLWriter {
    /// The `<math>` element for a formula's top-level nodes.
    static func math(_ nodes: [MathNode], display: Bool) -> String {
        let open = display ? "<math display=\"block\">" : "<math>"
        return open + nodes.map(write).joined() + "</math>"
    }

    /// One node as MathML.
    static func write(_ node: MathNode) -> String {
        switch node {
        case .identifier(let text, let variant):
            let attributes = variant.map { [MathNode.Attribute("mathvariant", $0)] } ?? []
            return element("mi", attributes, escape(text))
        case .number(let digits):
            return element("mn", [], escape(digits))
        case .op(let text, let attributes):
            return element("mo", attributes, escape(text))
        case .text(let text):
            return element("mtext", [], escape(text))
        case .space(let width):
            return "<mspace width=\"\(width)\"/>"
        case .row(let children):
            if children.count == 1 { return write(children[0]) }
            return element("mrow", [], children.map(write).joined())
        case .fraction(let numerator, let denominator, let thickness):
            let attributes = thickness.map { [MathNode.Attribute("linethickness", $0)] } ?? []
            return element("mfrac", attributes, write(numerator) + write(denominator))
        case .root(let radicand, let index):
            if let index { return element("mroot", [], write(radicand) + write(index)) }
            return element("msqrt", [], innerOfRow(radicand))
        case .scripts(let base, let sub, let sup, let limits):
            let inner = writeScriptBase(base) + (sub.map(write) ?? "") + (sup.map(write) ?? "")
            let name: String
            switch (sub != nil, sup != nil, limits) {
            case (true, true, false): name = "msubsup"
            case (true, false, false): name = "msub"
            case (false, _, false): name = "msup"
            case (true, true, true): name = "munderover"
            case (true, false, true): name = "munder"
            case (false, _, true): name = "mover"
            }
            return element(name, [], inner)
        case .accent(let base, let mark, let over):
            if over { return element("mover", [.init("accent", "true")], write(base) + write(mark)) }
            return element("munder", [.init("accentunder", "true")], write(base) + write(mark))
        case .table(let rows, let alignments, let displayStyle):
            return table(rows: rows, alignments: alignments, displayStyle: displayStyle)
        case .style(let child, let attributes):
            return element("mstyle", attributes, innerOfRow(child))
        case .error(let source, let message):
            return element("merror", [.init("title", message)], element("mtext", [], escape(source)))
        }
    }

    /// The base of scripts. A sized delimiter (`\Big)^{1/p}`) goes in an `<mrow>` of its own:
    /// Chromium does not apply `minsize` to an `<mo>` that is itself the base of `<msup>`, so
    /// without it only the opening delimiter would grow.
    private static func writeScriptBase(_ base: MathNode) -> String {
        if case .op(_, let attributes) = base, attributes.contains(where: { $0.name == "minsize" }) {
            return element("mrow", [], write(base))
        }
        return write(base)
    }

    /// Children of a row written without the `<mrow>` wrapper (for elements that are rows
    /// themselves: `<msqrt>`, `<mstyle>`, `<mtd>`).
    private static func innerOfRow(_ node: MathNode) -> String {
        if case .row(let children) = node { return children.map(write).joined() }
        return write(node)
    }

    private static func table(rows: [[MathNode]], alignments: [String], displayStyle: Bool) -> String {
        var attributes: [MathNode.Attribute] = []
        if displayStyle { attributes.append(.init("displaystyle", "true")) }
        // Aligned equations pair a right column with a left one with no gap between them, as TeX.
        let pairsColumns = alignments == ["right", "left"]
        let body = rows.map { cells -> String in
            let tds = cells.enumerated().map { column, cell -> String in
                let alignment = alignments[column % alignments.count]
                var cellAttributes: [MathNode.Attribute] = []
                if alignment != "center" {
                    var style = "text-align:\(alignment)"
                    if pairsColumns { style += alignment == "right" ? ";padding-right:0" : ";padding-left:0" }
                    cellAttributes = [.init("columnalign", alignment), .init("style", style)]
                }
                return element("mtd", cellAttributes, innerOfRow(cell))
            }
            return element("mtr", [], tds.joined())
        }
        return element("mtable", attributes, body.joined())
    }

    private static func element(_ name: String, _ attributes: [MathNode.Attribute], _ content: String) -> String {
        let attributeText = attributes.map { " \($0.name)=\"\(escape($0.value))\"" }.joined()
        return "<\(name)\(attributeText)>\(content)</\(name)>"
    }

    /// Escapes `&`, `<`, `>` and `"` for XML text and attribute values (``MarkupEscaping``), and writes
    /// combining marks (the U+0302 of `\widehat`, the U+0338 of `\not`) as character references, so that
    /// they do not fuse with the `>` or `;` before them into one Swift `Character` for later processing.
    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for scalar in MarkupEscaping.escape(text, for: .text).unicodeScalars {
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark:
                escaped += "&#x" + String(scalar.value, radix: 16, uppercase: true) + ";"
            default:
                escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped.replacingOccurrences(of: "\"", with: "&quot;")
    }
}
