import Foundation

/// A recursive-descent parser from TeX math tokens to `MathNode`s.
///
/// Structural errors (an unclosed brace, `\left` without `\right`, an unknown environment) throw
/// `MathError`; the caller then shows the whole formula as an error. An unknown command or a stray
/// `&` only becomes a local `.error` node, recorded in `problems`, and the rest still renders.
struct MathParser {
    /// Tokens that end a list: the closing `}` of a group, `\right`, `\end`, and the cell and row
    /// separators of a table.
    struct Terminators: OptionSet {
        let rawValue: Int
        static let closeBrace = Terminators(rawValue: 1)
        static let right = Terminators(rawValue: 2)
        static let end = Terminators(rawValue: 4)
        static let cell = Terminators(rawValue: 8)
    }

    private var lexer: MathLexer
    private var pushedBack: [MathToken] = []
    /// Whether limits of `\sum` and friends go below and above (display style).
    private var displayStyle: Bool
    /// Font command in force (`mathrm`, `mathbf`, …) for letters and digits.
    private var font: String?
    /// Non-fatal problems met so far (unknown commands, stray `&`).
    private(set) var problems: [MathError] = []
    /// How deeply lists and atoms are nested at this point of the parse.
    private var depth = 0
    /// Deeper nesting throws ``MathError/tooDeep(limit:)``.
    static let maximumDepth = 200

    init(_ source: String, display: Bool) {
        lexer = MathLexer(source)
        displayStyle = display
    }

    /// Parses the whole formula.
    mutating func parseFormula() throws(MathError) -> [MathNode] {
        let nodes = try parseList(until: [])
        if let token = nextToken() {
            // parseList only stops early on a terminator that no one accepted.
            switch token.kind {
            case .closeBrace: throw .unexpectedCloseBrace
            case .command("right"): throw .unexpectedRight
            case .command("end"):
                throw .mismatchedEnd(expected: nil, found: lexer.readRawGroup() ?? "")
            default: throw .unexpectedCloseBrace
            }
        }
        return nodes
    }

    // MARK: - Token stream

    private mutating func nextToken() -> MathToken? {
        if let token = pushedBack.popLast() { return token }
        return lexer.next()
    }

    private func peekToken() -> MathToken? {
        pushedBack.last ?? lexer.peek()
    }

    private func isTerminator(_ token: MathToken, _ terminators: Terminators) -> Bool {
        switch token.kind {
        case .closeBrace: return true
        case .alignment: return terminators.contains(.cell)
        case .command("\\"): return terminators.contains(.cell)
        case .command("right"), .command("end"): return true
        default: return false
        }
    }

    // MARK: - Lists and atoms

    /// Parses atoms with their scripts until a terminator (left unconsumed) or the end.
    private mutating func parseList(until terminators: Terminators) throws(MathError) -> [MathNode] {
        try enter()
        defer { depth -= 1 }
        var nodes: [MathNode] = []
        while let token = peekToken(), !isTerminator(token, terminators) {
            if case .command("displaystyle") = token.kind {
                _ = nextToken()
                let saved = displayStyle
                displayStyle = true
                let rest = try parseList(until: terminators)
                displayStyle = saved
                nodes.append(.style(.row(rest), attributes: [.init("displaystyle", "true")]))
                continue
            }
            if case .command("textstyle") = token.kind {
                _ = nextToken()
                let saved = displayStyle
                displayStyle = false
                let rest = try parseList(until: terminators)
                displayStyle = saved
                nodes.append(.style(.row(rest), attributes: [.init("displaystyle", "false")]))
                continue
            }
            let atom = try parseAtomWithScripts()
            nodes.append(MathSpacing.signForm(of: atom.node, after: nodes))
            if atom.isFunction, needsSpaceAfterFunction() {
                nodes.append(.space(width: "0.1667em"))
            }
        }
        return nodes
    }

    /// A function name (`\log`) is followed by a thin space unless an opening delimiter or the
    /// end of the list follows, as TeX spaces `\log x` but not `\log(x)`.
    private func needsSpaceAfterFunction() -> Bool {
        guard let next = peekToken() else { return false }
        switch next.kind {
        case .symbol("("), .symbol("["), .symbol("|"), .closeBrace, .alignment: return false
        case .command("left"), .command("{"), .command("|"), .command("langle"), .command("right"),
             .command("end"), .command("\\"):
            return false
        case .command(let name) where MathSymbols.bigSizes[name] != nil: return false
        default: return true
        }
    }

    private struct Atom {
        var node: MathNode
        /// Takes limits below/above in display style (`\sum`, `\max`).
        var takesLimits = false
        /// An upright function name (`\log`), followed by a thin space.
        var isFunction = false
    }

    private mutating func parseAtomWithScripts() throws(MathError) -> Atom {
        var atom = try parseAtom()
        var sub: MathNode?
        var sup: MathNode?
        var primes = ""
        var forcedLimits: Bool?
        scripts: while let token = peekToken() {
            switch token.kind {
            case .underscore:
                _ = nextToken()
                if sub != nil { throw .doubleScript("subscripts") }
                sub = try parseScriptArgument(mark: "_")
            case .caret:
                _ = nextToken()
                if sup != nil { throw .doubleScript("superscripts") }
                sup = try parseScriptArgument(mark: "^")
            case .prime:
                _ = nextToken()
                if sup != nil { throw .doubleScript("superscripts") }
                primes.append("′")
            case .command("limits"):
                _ = nextToken()
                forcedLimits = true
            case .command("nolimits"):
                _ = nextToken()
                forcedLimits = false
            default:
                break scripts
            }
        }
        if !primes.isEmpty {
            let primeNode = MathNode.op(Self.primeGlyph(primes))
            sup = sup.map { .row([primeNode, $0]) } ?? primeNode
        }
        guard sub != nil || sup != nil else { return atom }
        let limits = forcedLimits ?? (atom.takesLimits && displayStyle)
        atom.node = .scripts(base: atom.node, sub: sub, sup: sup, limits: limits)
        return atom
    }

    private static func primeGlyph(_ primes: String) -> String {
        switch primes.count {
        case 2: return "″"
        case 3: return "‴"
        default: return primes
        }
    }

    /// The argument of `_`, `^` or a command: a group, or a single token (one digit of a number,
    /// as in TeX where `x^10` is x¹0).
    private mutating func parseScriptArgument(mark: String) throws(MathError) -> MathNode {
        guard let token = peekToken(), !isArgumentless(token) else {
            throw .missingScript(mark)
        }
        return try parseSingleArgument()
    }

    private mutating func parseArgument(of command: String) throws(MathError) -> MathNode {
        guard let token = peekToken(), !isArgumentless(token) else {
            throw .missingArgument(command: command)
        }
        return try parseSingleArgument()
    }

    private func isArgumentless(_ token: MathToken) -> Bool {
        switch token.kind {
        case .closeBrace, .alignment, .caret, .underscore: return true
        case .command("right"), .command("end"), .command("\\"): return true
        default: return false
        }
    }

    private mutating func parseSingleArgument() throws(MathError) -> MathNode {
        guard let token = nextToken() else { throw .missingCloseBrace }
        if case .number(let digits) = token.kind, digits.count > 1 {
            let first = String(digits.first!)
            let rest = String(digits.dropFirst())
            pushedBack.append(MathToken(kind: .number(rest), source: rest))
            return numberNode(first)
        }
        pushedBack.append(token)
        return try parseAtom().node
    }

    /// One atom without its scripts.
    private mutating func parseAtom() throws(MathError) -> Atom {
        try enter()
        defer { depth -= 1 }
        guard let token = nextToken() else { throw .missingCloseBrace }
        switch token.kind {
        case .openBrace:
            let children = try parseList(until: .closeBrace)
            guard let close = nextToken(), close.kind == .closeBrace else { throw .missingCloseBrace }
            return Atom(node: .row(children))
        case .closeBrace:
            throw .unexpectedCloseBrace
        case .number(let digits):
            return Atom(node: numberNode(digits))
        case .letter(let letter):
            return Atom(node: letterNode(letter))
        case .prime:
            return Atom(node: .op("′"))
        case .caret, .underscore:
            // A script with no base, as in `^2` at the start: an empty base.
            pushedBack.append(token)
            return Atom(node: .row([]))
        case .alignment:
            problems.append(.misplacedAlignment("&"))
            return Atom(node: .error(source: "&", message: MathError.misplacedAlignment("&").description))
        case .symbol(let character):
            return Atom(node: symbolNode(character))
        case .command(let name):
            return try parseCommand(name, source: token.source)
        }
    }

    /// One level deeper, or ``MathError/tooDeep(limit:)``.
    private mutating func enter() throws(MathError) {
        depth += 1
        if depth > Self.maximumDepth { throw .tooDeep(limit: Self.maximumDepth / 2) }
    }

    private func numberNode(_ digits: String) -> MathNode {
        if let font, font != "mathrm" {
            let styled = digits.map { MathSymbols.styled($0, font: font) ?? String($0) }.joined()
            return .number(styled)
        }
        return .number(digits)
    }

    private mutating func letterNode(_ letter: Character) -> MathNode {
        switch font {
        case "mathrm", "mathsf", "mathtt", "textrm", "operatorname":
            var word = String(letter)
            while let next = peekToken(), case .letter(let more) = next.kind {
                _ = nextToken()
                word.append(more)
            }
            return .identifier(word, variant: word.count == 1 ? "normal" : nil)
        case let font?:
            if let styled = MathSymbols.styled(letter, font: font) { return .identifier(styled) }
            return .identifier(String(letter))
        case nil:
            return .identifier(String(letter))
        }
    }

    private func symbolNode(_ character: Character) -> MathNode {
        switch character {
        case "-": return .op("−")
        case "*": return .op("∗")
        case "~": return .space(width: "0.3333em")
        case "+", "=", "<", ">", ",", ";", ":", "!", "?", ".":
            return .op(String(character))
        default:
            let text = String(character)
            // TeX sets `/` as an ordinary symbol: `1/n`, not the spaced `1 / n` of an infix operator.
            if text == "/" { return .op(text, attributes: [.init("stretchy", "false")] + MathSpacing.tight) }
            if MathSymbols.fences.contains(text) {
                return .op(text, attributes: [.init("stretchy", "false")])
            }
            if character.unicodeScalars.first?.properties.generalCategory == .mathSymbol {
                return .op(text)
            }
            return .identifier(text)
        }
    }

    // MARK: - Commands

    /// The atom of `\name`: a symbol, a decoration of its argument, a layout (fractions, roots, limits),
    /// text or a font, a delimiter or an environment; an unknown command is an error node (and a problem).
    private mutating func parseCommand(_ name: String, source: String) throws(MathError) -> Atom {
        if let atom = Self.symbolAtom(name) { return atom }
        if let atom = try parseDecoration(name) { return atom }
        if let atom = try parseLayout(name) { return atom }
        if let atom = try parseTextOrFont(name) { return atom }
        if let atom = try parseDelimiterOrEnvironment(name) { return atom }
        problems.append(.unknownCommand(name))
        return Atom(node: .error(source: source, message: MathError.unknownCommand(name).description))
    }

    /// A command that stands for one glyph (Greek letters, symbols, operators, functions, spaces).
    private static func symbolAtom(_ name: String) -> Atom? {
        if let glyph = MathSymbols.greek[name] {
            let upright = glyph.unicodeScalars.first.map { $0.properties.isUppercase } ?? false
            return Atom(node: .identifier(glyph, variant: upright ? "normal" : nil))
        }
        if let glyph = MathSymbols.ordinary[name] {
            return Atom(node: .identifier(glyph))
        }
        if let glyph = MathSymbols.operators[name] {
            if glyph == "|" || glyph == "‖" {
                return Atom(node: .op(glyph, attributes: [.init("stretchy", "false")]))
            }
            return Atom(node: .op(glyph))
        }
        if let glyph = MathSymbols.largeOperators[name] {
            return Atom(node: .op(glyph), takesLimits: true)
        }
        if let glyph = MathSymbols.integrals[name] {
            return Atom(node: .op(glyph))
        }
        if let limits = MathSymbols.functions[name] {
            return Atom(node: .identifier(name), takesLimits: limits, isFunction: true)
        }
        if let width = MathSymbols.spaces[name] {
            return Atom(node: .space(width: width))
        }
        return nil
    }

    /// An accent over the argument, or a delimiter of a fixed size (`\big(`).
    private mutating func parseDecoration(_ name: String) throws(MathError) -> Atom? {
        if let accent = MathSymbols.accents[name] {
            let base = try parseArgument(of: name)
            let attributes: [MathNode.Attribute] = accent.stretchy ? [] : [.init("stretchy", "false")]
            return Atom(node: .accent(base: base, mark: .op(accent.mark, attributes: attributes), over: true))
        }
        if let size = MathSymbols.bigSizes[name] {
            let glyph = try parseDelimiter()
            if glyph.isEmpty { return Atom(node: .row([])) }
            return Atom(node: .op(glyph, attributes: [.init("minsize", size), .init("maxsize", size)]))
        }
        return nil
    }

    /// Fractions, binomials, roots and marks over or under a base.
    private mutating func parseLayout(_ name: String) throws(MathError) -> Atom? {
        switch name {
        case "frac", "dfrac", "tfrac", "cfrac":
            let (numerator, denominator) = try parseTwoArguments(of: name, display: name == "dfrac" || name == "cfrac")
            let fraction = MathNode.fraction(numerator: numerator, denominator: denominator)
            switch name {
            case "dfrac", "cfrac": return Atom(node: .style(fraction, attributes: [.init("displaystyle", "true")]))
            case "tfrac": return Atom(node: .style(fraction, attributes: [.init("displaystyle", "false")]))
            default: return Atom(node: fraction)
            }
        case "binom", "dbinom", "tbinom":
            let (top, bottom) = try parseTwoArguments(of: name, display: false)
            return Atom(node: .row([
                .op("("), .fraction(numerator: top, denominator: bottom, lineThickness: "0"), .op(")"),
            ]))
        case "sqrt":
            let indexSource = lexer.readOptionalBracket()
            let radicand = try withStyle(display: false) { parser throws(MathError) in try parser.parseArgument(of: name) }
            var index: MathNode?
            if let indexSource {
                var inner = MathParser(indexSource, display: false)
                index = .row(try inner.parseFormula())
                problems += inner.problems
            }
            return Atom(node: .root(radicand: radicand, index: index))
        case "overset", "underset", "stackrel":
            let (mark, base) = try parseTwoArguments(of: name, display: false)
            if name == "underset" {
                return Atom(node: .scripts(base: base, sub: mark, sup: nil, limits: true))
            }
            return Atom(node: .scripts(base: base, sub: nil, sup: mark, limits: true))
        default:
            return nil
        }
    }

    /// Text in the formula, operator names and math fonts.
    private mutating func parseTextOrFont(_ name: String) throws(MathError) -> Atom? {
        switch name {
        case "text", "textrm", "textup", "textnormal", "mbox", "textit", "textsf", "texttt", "textbf", "hbox":
            guard let raw = lexer.readRawGroup() else { throw .missingArgument(command: name) }
            let text = MathNode.text(Self.unescapeText(raw))
            if name == "textbf" { return Atom(node: .style(text, attributes: [.init("style", "font-weight:bold")])) }
            if name == "textit" { return Atom(node: .style(text, attributes: [.init("style", "font-style:italic")])) }
            return Atom(node: text)
        case "operatorname", "operatorname*":
            guard let raw = lexer.readRawGroup() else { throw .missingArgument(command: name) }
            let word = raw.trimmingCharacters(in: .whitespaces)
            return Atom(node: .identifier(word, variant: word.count == 1 ? "normal" : nil),
                        takesLimits: name.hasSuffix("*"), isFunction: true)
        case "mathrm", "mathit", "mathbf", "mathbb", "boldsymbol", "bm", "mathsf", "mathtt", "mathnormal":
            let saved = font
            font = name == "mathit" || name == "mathnormal" ? nil : name
            defer { font = saved }
            return Atom(node: try parseArgument(of: name))
        default:
            return nil
        }
    }

    /// Fixed delimiters, `\left`…`\right`, `\middle`, environments, `\not` and a stray `\\`.
    private mutating func parseDelimiterOrEnvironment(_ name: String) throws(MathError) -> Atom? {
        switch name {
        case "{", "}", "lbrace", "rbrace", "langle", "rangle", "lfloor", "rfloor", "lceil", "rceil",
             "lvert", "rvert", "lVert", "rVert", "|":
            let glyph = MathSymbols.delimiters["\\" + name] ?? name
            return Atom(node: .op(glyph, attributes: [.init("stretchy", "false")]))
        case "left":
            return Atom(node: try parseLeftRight())
        case "right":
            throw .unexpectedRight
        case "middle":
            let glyph = try parseDelimiter()
            return Atom(node: .op(glyph, attributes: [.init("stretchy", "true")]))
        case "begin":
            return Atom(node: try parseEnvironment())
        case "end":
            throw .mismatchedEnd(expected: nil, found: lexer.readRawGroup() ?? "")
        case "not":
            guard peekToken() != nil else { throw .missingArgument(command: name) }
            let negated = try parseAtom().node
            if case .op(let glyph, let attributes) = negated {
                return Atom(node: .op(glyph + "\u{338}", attributes: attributes))
            }
            return Atom(node: .row([.op("\u{338}"), negated]))
        case "\\":
            problems.append(.misplacedAlignment("\\\\"))
            return Atom(node: .error(source: "\\\\", message: MathError.misplacedAlignment("\\\\").description))
        default:
            return nil
        }
    }

    private mutating func withStyle<T>(display: Bool, _ body: (inout MathParser) throws(MathError) -> T) throws(MathError) -> T {
        let saved = displayStyle
        displayStyle = display
        defer { displayStyle = saved }
        return try body(&self)
    }

    private mutating func parseTwoArguments(of command: String, display: Bool) throws(MathError) -> (MathNode, MathNode) {
        try withStyle(display: display) { parser throws(MathError) in
            let first = try parser.parseArgument(of: command)
            let second = try parser.parseArgument(of: command)
            return (first, second)
        }
    }

    /// `\text{…}` content: TeX escapes become their characters; leading and trailing spaces become
    /// no-break spaces so that HTML does not collapse them.
    static func unescapeText(_ raw: String) -> String {
        var text = ""
        var characters = raw.makeIterator()
        while let character = characters.next() {
            if character == "\\" {
                guard let escaped = characters.next() else { text.append("\\"); break }
                switch escaped {
                case "_", "$", "%", "&", "#", "{", "}": text.append(escaped)
                case " ": text.append(" ")
                default:
                    text.append("\\")
                    text.append(escaped)
                }
            } else {
                text.append(character)
            }
        }
        let leading = text.prefix { $0 == " " }.count
        let trailing = leading == text.count ? 0 : text.reversed().prefix { $0 == " " }.count
        let core = text.dropFirst(leading).dropLast(trailing)
        return String(repeating: "\u{A0}", count: leading) + core + String(repeating: "\u{A0}", count: trailing)
    }

    // MARK: - Delimiters

    /// Reads the delimiter after `\left`, `\right`, `\middle` or `\big`; `.` gives "".
    private mutating func parseDelimiter() throws(MathError) -> String {
        guard let token = nextToken() else { throw .badDelimiter("") }
        let spelling: String
        switch token.kind {
        case .symbol(let character): spelling = String(character)
        case .command(let name): spelling = "\\" + name
        default: throw .badDelimiter(token.source)
        }
        guard let glyph = MathSymbols.delimiters[spelling] else { throw .badDelimiter(token.source) }
        return glyph
    }

    private mutating func parseLeftRight() throws(MathError) -> MathNode {
        let open = try parseDelimiter()
        let content = try parseList(until: .right)
        guard let token = nextToken(), token.kind == .command("right") else {
            throw .missingRight
        }
        let close = try parseDelimiter()
        var children: [MathNode] = []
        if !open.isEmpty { children.append(.op(open)) }
        children += content
        if !close.isEmpty { children.append(.op(close)) }
        return .row(children)
    }

    // MARK: - Environments

    private mutating func parseEnvironment() throws(MathError) -> MathNode {
        guard let name = lexer.readRawGroup() else { throw .missingArgument(command: "begin") }
        switch name {
        case "equation", "equation*":
            let content = try parseList(until: .end)
            try expectEnd(of: name)
            return .row(content)
        case "aligned", "align", "align*", "split", "alignedat", "alignat", "alignat*":
            if name.hasPrefix("alignat") || name == "alignedat" { _ = lexer.readRawGroup() }
            let rows = try withStyle(display: true) { parser throws(MathError) in try parser.parseRows(of: name) }
            return .table(rows: rows, columnAlignments: ["right", "left"], displayStyle: true)
        case "gathered", "gather", "gather*":
            let rows = try withStyle(display: true) { parser throws(MathError) in try parser.parseRows(of: name) }
            return .table(rows: rows, columnAlignments: ["center"], displayStyle: true)
        case "cases":
            let rows = try withStyle(display: false) { parser throws(MathError) in try parser.parseRows(of: name) }
            return .row([.op("{"), .table(rows: rows, columnAlignments: ["left"], displayStyle: false)])
        case "array":
            guard let spec = lexer.readRawGroup() else { throw .missingArgument(command: "begin{array}") }
            let alignments = spec.compactMap { character -> String? in
                switch character {
                case "l": return "left"
                case "r": return "right"
                case "c": return "center"
                default: return nil
                }
            }
            let rows = try withStyle(display: false) { parser throws(MathError) in try parser.parseRows(of: name) }
            return .table(rows: rows, columnAlignments: alignments.isEmpty ? ["center"] : alignments, displayStyle: false)
        default:
            guard let delimiters = MathSymbols.matrixDelimiters[name] else {
                throw .unknownEnvironment(name)
            }
            let rows = try withStyle(display: false) { parser throws(MathError) in try parser.parseRows(of: name) }
            let table = MathNode.table(rows: rows, columnAlignments: ["center"], displayStyle: false)
            if delimiters.open.isEmpty { return table }
            return .row([.op(delimiters.open), table, .op(delimiters.close)])
        }
    }

    /// Rows separated by `\\` and cells by `&`, up to `\end{name}`.
    private mutating func parseRows(of name: String) throws(MathError) -> [[MathNode]] {
        var rows: [[MathNode]] = []
        var cells: [MathNode] = []
        while true {
            let cell = try parseList(until: [.cell, .end])
            cells.append(.row(cell))
            guard let token = nextToken() else { throw .missingEnd(name) }
            switch token.kind {
            case .alignment:
                continue
            case .command("\\"):
                _ = lexer.readOptionalBracket()
                rows.append(cells)
                cells = []
            case .command("end"):
                guard let found = lexer.readRawGroup() else { throw .missingArgument(command: "end") }
                guard found == name else { throw .mismatchedEnd(expected: name, found: found) }
                // A trailing `\\` before `\end` leaves one empty cell: not a row.
                if !(cells.count == 1 && cells[0].isEmpty) { rows.append(cells) }
                return rows
            case .command("right"):
                throw .missingEnd(name)
            default:
                throw .unexpectedCloseBrace
            }
        }
    }

    private mutating func expectEnd(of name: String) throws(MathError) {
        guard let token = nextToken(), token.kind == .command("end") else { throw .missingEnd(name) }
        guard let found = lexer.readRawGroup() else { throw .missingArgument(command: "end") }
        guard found == name else { throw .mismatchedEnd(expected: name, found: found) }
    }
}
