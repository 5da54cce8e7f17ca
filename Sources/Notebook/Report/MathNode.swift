/// The tree a TeX formula is parsed into; `MathMLWriter` turns it into MathML elements.
indirect enum MathNode: Equatable {
    /// `<mi>`: a variable or a function name. `variant` is a `mathvariant` value (e.g. `normal`).
    case identifier(String, variant: String? = nil)
    /// `<mn>`
    case number(String)
    /// `<mo>`; `attributes` are written in order, e.g. `[("stretchy", "false")]`.
    case op(String, attributes: [Attribute] = [])
    /// `<mtext>`
    case text(String)
    /// `<mspace width=…/>`
    case space(width: String)
    /// `<mrow>` (written without the wrapper when it holds exactly one node).
    case row([MathNode])
    /// `<mfrac>`; `lineThickness` is set for `\binom`.
    case fraction(numerator: MathNode, denominator: MathNode, lineThickness: String? = nil)
    /// `<msqrt>` or, with an index, `<mroot>`.
    case root(radicand: MathNode, index: MathNode?)
    /// `<msub>`, `<msup>`, `<msubsup>`; or, with `limits`, `<munder>`, `<mover>`, `<munderover>`.
    case scripts(base: MathNode, sub: MathNode?, sup: MathNode?, limits: Bool)
    /// `<mover accent="true">` (a hat, a bar) or `<munder accentunder="true">`.
    case accent(base: MathNode, mark: MathNode, over: Bool)
    /// `<mtable>` rows of cells; `columnAlignments` cycles over the columns (e.g. right, left).
    case table(rows: [[MathNode]], columnAlignments: [String], displayStyle: Bool)
    /// `<mstyle>` with attributes (e.g. `displaystyle="true"` for `\dfrac`).
    case style(MathNode, attributes: [Attribute])
    /// `<merror>`: a part that could not be rendered, showing its source.
    case error(source: String, message: String)

    /// An XML attribute, name and unescaped value.
    struct Attribute: Equatable {
        var name: String
        var value: String
        init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    /// Whether the node is an empty row (`{}`), e.g. the base of `{}^2`.
    var isEmpty: Bool {
        if case .row(let children) = self { return children.isEmpty }
        return false
    }
}
