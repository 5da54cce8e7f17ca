/// The TeX commands the converter knows, grouped by how they render.
enum MathSymbols {
    /// Lower- and upper-case Greek letters (`\alpha` … `\Omega`, with the `var` forms).
    /// Upper case renders upright, as in TeX.
    static let greek: [String: String] = [
        "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ϵ", "varepsilon": "ε",
        "zeta": "ζ", "eta": "η", "theta": "θ", "vartheta": "ϑ", "iota": "ι", "kappa": "κ",
        "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ", "omicron": "ο", "pi": "π", "varpi": "ϖ",
        "rho": "ρ", "varrho": "ϱ", "sigma": "σ", "varsigma": "ς", "tau": "τ", "upsilon": "υ",
        "phi": "ϕ", "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω",
        "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π",
        "Sigma": "Σ", "Upsilon": "Υ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
    ]

    /// Ordinary symbols rendered as `<mi>`.
    static let ordinary: [String: String] = [
        "partial": "∂", "infty": "∞", "nabla": "∇", "ell": "ℓ", "emptyset": "∅", "varnothing": "∅",
        "hbar": "ℏ", "Re": "ℜ", "Im": "ℑ", "aleph": "ℵ", "top": "⊤", "bot": "⊥",
        "forall": "∀", "exists": "∃", "neg": "¬", "lnot": "¬", "prime": "′",
        "$": "$", "%": "%", "#": "#", "&": "&", "_": "_",
    ]

    /// Binary operators, relations, arrows and punctuation rendered as `<mo>`.
    static let operators: [String: String] = [
        "neq": "≠", "ne": "≠", "leq": "≤", "le": "≤", "geq": "≥", "ge": "≥", "approx": "≈",
        "sim": "∼", "simeq": "≃", "cong": "≅", "equiv": "≡", "propto": "∝", "ll": "≪", "gg": "≫",
        "cdot": "⋅", "times": "×", "div": "÷", "pm": "±", "mp": "∓", "ast": "∗", "star": "⋆",
        "circ": "∘", "bullet": "∙", "odot": "⊙", "oplus": "⊕", "otimes": "⊗",
        "in": "∈", "notin": "∉", "ni": "∋", "subset": "⊂", "subseteq": "⊆", "supset": "⊃",
        "supseteq": "⊇", "cup": "∪", "cap": "∩", "setminus": "∖", "wedge": "∧", "land": "∧",
        "vee": "∨", "lor": "∨", "mid": "∣", "parallel": "∥", "perp": "⊥",
        "to": "→", "rightarrow": "→", "leftarrow": "←", "gets": "←", "leftrightarrow": "↔",
        "Rightarrow": "⇒", "Leftarrow": "⇐", "Leftrightarrow": "⇔", "iff": "⇔", "implies": "⇒",
        "mapsto": "↦", "longrightarrow": "⟶", "uparrow": "↑", "downarrow": "↓",
        "dots": "…", "ldots": "…", "cdots": "⋯", "vdots": "⋮", "ddots": "⋱",
        "colon": ":", "vert": "|", "Vert": "‖",
    ]

    /// Large operators: limits go below and above in display style (`<munderover>`).
    static let largeOperators: [String: String] = [
        "sum": "∑", "prod": "∏", "coprod": "∐", "bigcup": "⋃", "bigcap": "⋂",
        "bigoplus": "⨁", "bigotimes": "⨂", "bigvee": "⋁", "bigwedge": "⋀",
    ]

    /// Integrals: large, but their limits stay at the side (`<msubsup>`).
    static let integrals: [String: String] = ["int": "∫", "iint": "∬", "iiint": "∭", "oint": "∮"]

    /// Function names written upright (`\log x`); the second value says whether the name takes
    /// limits below in display style, like `\max_i`.
    static let functions: [String: Bool] = [
        "log": false, "ln": false, "exp": false, "sin": false, "cos": false, "tan": false,
        "sinh": false, "cosh": false, "tanh": false, "arcsin": false, "arccos": false,
        "arctan": false, "sec": false, "csc": false, "cot": false, "arg": false, "deg": false,
        "dim": false, "hom": false, "ker": false, "Pr": true, "det": true, "gcd": true,
        "max": true, "min": true, "sup": true, "inf": true, "lim": true, "liminf": true,
        "limsup": true, "argmax": true, "argmin": true,
    ]

    /// Spacing commands and their widths.
    static let spaces: [String: String] = [
        ",": "0.1667em", "thinspace": "0.1667em", ":": "0.2222em", ">": "0.2222em",
        "medspace": "0.2222em", ";": "0.2778em", "thickspace": "0.2778em", " ": "0.3333em",
        "quad": "1em", "qquad": "2em", "!": "-0.1667em", "negthinspace": "-0.1667em",
    ]

    /// Accents over (or under) their argument: command → (mark, stretchy).
    static let accents: [String: (mark: String, stretchy: Bool)] = [
        "hat": ("^", false), "widehat": ("\u{302}", true), "bar": ("¯", false), "overline": ("‾", true),
        "tilde": ("~", false), "widetilde": ("~", true), "vec": ("→", false),
        "overrightarrow": ("→", true), "dot": ("˙", false), "ddot": ("¨", false),
        "check": ("ˇ", false), "breve": ("˘", false), "acute": ("´", false), "grave": ("`", false),
    ]

    /// Delimiters allowed after `\left`, `\right`, `\big` and friends, by their TeX spelling.
    static let delimiters: [String: String] = [
        "(": "(", ")": ")", "[": "[", "]": "]", "\\{": "{", "\\}": "}", "\\lbrace": "{",
        "\\rbrace": "}", "|": "|", "\\|": "‖", "\\vert": "|", "\\Vert": "‖", "\\lvert": "|",
        "\\rvert": "|", "\\lVert": "‖", "\\rVert": "‖", "\\langle": "⟨", "\\rangle": "⟩",
        "\\lfloor": "⌊", "\\rfloor": "⌋", "\\lceil": "⌈", "\\rceil": "⌉", "/": "/", ".": "",
        "\\lbrack": "[", "\\rbrack": "]",
    ]

    /// Characters that TeX never stretches unless asked (`\left`, `\big`); MathML would, so
    /// they are written with `stretchy="false"`.
    static let fences: Set<String> = ["(", ")", "[", "]", "{", "}", "|", "‖", "⟨", "⟩", "⌊", "⌋", "⌈", "⌉", "/"]

    /// `\big(` … `\Bigg(` and their `l`/`r`/`m` forms: sizes in em.
    static let bigSizes: [String: String] = [
        "big": "1.2em", "bigl": "1.2em", "bigr": "1.2em", "bigm": "1.2em",
        "Big": "1.623em", "Bigl": "1.623em", "Bigr": "1.623em", "Bigm": "1.623em",
        "bigg": "2.047em", "biggl": "2.047em", "biggr": "2.047em", "biggm": "2.047em",
        "Bigg": "2.470em", "Biggl": "2.470em", "Biggr": "2.470em", "Biggm": "2.470em",
    ]

    /// Matrix-like environments: the delimiters around them.
    static let matrixDelimiters: [String: (open: String, close: String)] = [
        "matrix": ("", ""), "smallmatrix": ("", ""), "pmatrix": ("(", ")"), "bmatrix": ("[", "]"),
        "Bmatrix": ("{", "}"), "vmatrix": ("|", "|"), "Vmatrix": ("‖", "‖"),
    ]

    /// Unicode mathematical alphanumerics for `\mathbf`, `\boldsymbol` and `\mathbb`
    /// (MathML Core renders only `mathvariant="normal"`; other styles must be characters).
    static func styled(_ character: Character, font: String) -> String? {
        guard let scalar = character.unicodeScalars.first, character.unicodeScalars.count == 1 else { return nil }
        let value = scalar.value
        let isUpper = (0x41...0x5A).contains(value)
        let isLower = (0x61...0x7A).contains(value)
        let isDigit = (0x30...0x39).contains(value)
        func make(_ code: UInt32) -> String? { Unicode.Scalar(code).map { String(Character($0)) } }
        switch font {
        case "mathbf":
            if isUpper { return make(0x1D400 + value - 0x41) }
            if isLower { return make(0x1D41A + value - 0x61) }
            if isDigit { return make(0x1D7CE + value - 0x30) }
        case "boldsymbol", "bm":
            if isUpper { return make(0x1D468 + value - 0x41) }
            if isLower { return make(0x1D482 + value - 0x61) }
            if isDigit { return make(0x1D7CE + value - 0x30) }
        case "mathbb":
            let holes: [Character: String] = ["C": "ℂ", "H": "ℍ", "N": "ℕ", "P": "ℙ", "Q": "ℚ", "R": "ℝ", "Z": "ℤ"]
            if let hole = holes[character] { return hole }
            if isUpper { return make(0x1D538 + value - 0x41) }
            if isLower { return make(0x1D552 + value - 0x61) }
            if isDigit { return make(0x1D7D8 + value - 0x30) }
        default:
            return nil
        }
        return nil
    }
}
