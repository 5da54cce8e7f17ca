/// TeX's spacing where MathML's operator dictionary spaces differently: a sign (`−x`, `+1`) and `/`.
enum MathSpacing {
    /// `lspace="0" rspace="0"`: an operator set tight against its neighbours, like a TeX ordinary symbol.
    static let tight: [MathNode.Attribute] = [.init("lspace", "0"), .init("rspace", "0")]

    /// A prefix operator set tight: how TeX sets a sign (a binary operator where no left operand is).
    static let sign: [MathNode.Attribute] = [.init("form", "prefix")] + tight

    /// Delimiters and postfix marks after which an operand has ended, so `−` is a binary minus.
    private static let closing: Set<String> = [")", "]", "}", "⟩", "⌋", "⌉", "|", "‖", "!", "′", "″", "‴"]

    /// `node` as a sign when it is `−`, `+`, `±` or `∓` standing where an operand must start — at the
    /// start of a list, after a relation, a binary operator, a large operator, an opening delimiter or
    /// punctuation — as TeX turns such a binary operator into an ordinary symbol (`a = −x`, `(−1)`,
    /// `e^{−x}`); MathML would space it like the minus of `a − b`. Other nodes are returned as they are.
    static func signForm(of node: MathNode, after previous: [MathNode]) -> MathNode {
        guard case .op(let glyph, let attributes) = node, attributes.isEmpty, ["−", "+", "±", "∓"].contains(glyph),
              startsOperand(after: previous) else { return node }
        return .op(glyph, attributes: sign)
    }

    /// Whether an operand starts after `nodes` (spaces are looked through).
    static func startsOperand(after nodes: [MathNode]) -> Bool {
        let last = nodes.last { node in
            if case .space = node { return false }
            return true
        }
        switch last {
        case nil: return true
        case .op(let glyph, _)?: return !closing.contains(glyph)
        case .scripts(.op(let glyph, _), _, _, _)?: return !closing.contains(glyph)
        default: return false
        }
    }
}
