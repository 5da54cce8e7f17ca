import Foundation

/// Colors for charts: a categorical palette for series and classes, and color maps for heatmaps.
public enum ChartPalette {
    /// Ten distinguishable colors (Tableau 10), used in order for series and classes.
    public static let categorical = [
        "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
        "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac",
    ]

    /// The color of series or class number `index` (cycling after ten).
    public static func color(_ index: Int) -> String {
        categorical[((index % categorical.count) + categorical.count) % categorical.count]
    }

    /// Viridis, sampled at ten stops (perceptually uniform, readable in grey).
    static let viridis: [(Double, Double, Double)] = [
        (68, 1, 84), (72, 40, 120), (62, 74, 137), (49, 104, 142), (38, 130, 142),
        (31, 158, 137), (53, 183, 121), (109, 205, 89), (180, 222, 44), (253, 231, 37),
    ]

    /// Red–white–blue, for values of both signs centred at zero (blue negative, red positive).
    static let diverging: [(Double, Double, Double)] = [
        (33, 102, 172), (103, 169, 207), (209, 229, 240), (247, 247, 247), (253, 219, 199),
        (239, 138, 98), (178, 24, 43),
    ]

    /// The color at `fraction` (0…1, clamped) along `stops`, as `#rrggbb`.
    static func interpolate(_ stops: [(Double, Double, Double)], at fraction: Double) -> String {
        let t = min(max(fraction.isFinite ? fraction : 0, 0), 1) * Double(stops.count - 1)
        let index = min(Int(t), stops.count - 2)
        let local = t - Double(index)
        let (a, b) = (stops[index], stops[index + 1])
        let red = a.0 + (b.0 - a.0) * local
        let green = a.1 + (b.1 - a.1) * local
        let blue = a.2 + (b.2 - a.2) * local
        return String(format: "#%02x%02x%02x", Int(red.rounded()), Int(green.rounded()), Int(blue.rounded()))
    }

    /// Black or white, whichever reads better on `hex` (by relative luminance).
    static func textColor(on hex: String) -> String {
        let digits = hex.dropFirst()
        guard digits.count == 6, let value = Int(digits, radix: 16) else { return "#000" }
        let red = Double((value >> 16) & 0xff), green = Double((value >> 8) & 0xff), blue = Double(value & 0xff)
        let luminance = 0.299 * red + 0.587 * green + 0.114 * blue
        return luminance > 140 ? "#1f2328" : "#ffffff"
    }
}
