import Foundation

// Elementwise arithmetic with broadcasting, and the unary maths functions.
// Each forward is followed by its backward; the backward of a broadcast sums the gradient back down
// to the input's shape (`Kernels.sumToShape`).

extension Tensor {
    /// The broadcast shape of two operands, or a failure naming both shapes.
    static func broadcastShape(_ a: Tensor, _ b: Tensor, _ operation: String) -> [Int] {
        guard let shape = Shape.broadcast(a.shape, b.shape) else {
            preconditionFailure("\(operation): shapes \(a.shape) and \(b.shape) do not broadcast")
        }
        return shape
    }

    /// A binary broadcasting operation; `gradients(g, a, b, out)` returns the gradients at the broadcast
    /// shape, which are then summed down to each input's shape.
    @inline(__always)
    static func broadcasting(
        _ a: Tensor, _ b: Tensor, _ name: String, _ op: (Float, Float) -> Float,
        gradients: @escaping (_ g: [Float], _ a: [Float], _ b: [Float], _ shape: [Int]) -> ([Float]?, [Float]?)
    ) -> Tensor {
        let shape = broadcastShape(a, b, name)
        let aValues = a.scalars, bValues = b.scalars, aShape = a.shape, bShape = b.shape
        let values = Kernels.broadcast(aValues, aShape, bValues, bShape, to: shape, op)
        return result(shape: shape, scalars: values, operation: name, inputs: [a, b]) { g in
            // Inputs as seen at the broadcast shape (copies only where a broadcast happened).
            let (ga, gb) = gradients(
                g.scalars, Kernels.expand(aValues, from: aShape, to: shape),
                Kernels.expand(bValues, from: bShape, to: shape), shape)
            return [
                ga.map { Tensor(shape: aShape, scalars: Kernels.sumToShape($0, from: shape, to: aShape)) },
                gb.map { Tensor(shape: bShape, scalars: Kernels.sumToShape($0, from: shape, to: bShape)) },
            ]
        }
    }

    /// A unary operation whose derivative is computed from the input `x`, the output `y` and the
    /// incoming gradient `g`: `gradient(g, x, y)` is ∂L/∂x for one element.
    @inline(__always)
    func unary(
        _ name: String, _ op: (Float) -> Float, gradient: @escaping (_ g: Float, _ x: Float, _ y: Float) -> Float
    ) -> Tensor {
        let input = scalars
        let output = Kernels.map(input, op)
        return Tensor.result(shape: shape, scalars: output, operation: name, inputs: [self]) { [shape] g in
            let gv = g.scalars
            let gx = [Float](unsafeUninitializedCapacity: input.count) { buffer, initialized in
                for i in 0..<input.count { buffer[i] = gradient(gv[i], input[i], output[i]) }
                initialized = input.count
            }
            return [Tensor(shape: shape, scalars: gx)]
        }
    }

    // MARK: Tensor ∘ tensor

    /// Elementwise sum with broadcasting. Backward: ∂/∂a = g, ∂/∂b = g (summed over broadcast dims).
    public static func + (a: Tensor, b: Tensor) -> Tensor {
        broadcasting(a, b, "add", { $0 + $1 }) { g, _, _, _ in (g, g) }
    }

    /// Elementwise difference with broadcasting. Backward: ∂/∂a = g, ∂/∂b = −g.
    public static func - (a: Tensor, b: Tensor) -> Tensor {
        broadcasting(a, b, "sub", { $0 - $1 }) { g, _, _, _ in (g, g.map { -$0 }) }
    }

    /// Elementwise product with broadcasting. Backward: ∂/∂a = g·b, ∂/∂b = g·a.
    public static func * (a: Tensor, b: Tensor) -> Tensor {
        broadcasting(a, b, "mul", { $0 * $1 }) { g, a, b, _ in
            (Kernels.zip(g, b, *), Kernels.zip(g, a, *))
        }
    }

    /// Elementwise quotient with broadcasting. Backward: ∂/∂a = g/b, ∂/∂b = −g·a/b².
    public static func / (a: Tensor, b: Tensor) -> Tensor {
        broadcasting(a, b, "div", { $0 / $1 }) { g, a, b, _ in
            let gb = [Float](unsafeUninitializedCapacity: g.count) { buffer, initialized in
                for i in 0..<g.count { buffer[i] = -g[i] * a[i] / (b[i] * b[i]) }
                initialized = g.count
            }
            return (Kernels.zip(g, b, /), gb)
        }
    }

    // MARK: Tensor ∘ scalar

    /// Adds a scalar to every element. Backward: g.
    public static func + (a: Tensor, b: Float) -> Tensor {
        a.unary("add", { $0 + b }) { g, _, _ in g }
    }
    /// Adds a scalar to every element. Backward: g.
    public static func + (a: Float, b: Tensor) -> Tensor { b + a }

    /// Subtracts a scalar from every element. Backward: g.
    public static func - (a: Tensor, b: Float) -> Tensor {
        a.unary("sub", { $0 - b }) { g, _, _ in g }
    }
    /// Subtracts every element from a scalar. Backward: −g.
    public static func - (a: Float, b: Tensor) -> Tensor {
        b.unary("rsub", { a - $0 }) { g, _, _ in -g }
    }

    /// Multiplies every element by a scalar. Backward: g·b.
    public static func * (a: Tensor, b: Float) -> Tensor {
        a.unary("mul", { $0 * b }) { g, _, _ in g * b }
    }
    /// Multiplies every element by a scalar. Backward: g·a.
    public static func * (a: Float, b: Tensor) -> Tensor { b * a }

    /// Divides every element by a scalar. Backward: g/b.
    public static func / (a: Tensor, b: Float) -> Tensor {
        a.unary("div", { $0 / b }) { g, _, _ in g / b }
    }
    /// Divides a scalar by every element. Backward: −g·a/x².
    public static func / (a: Float, b: Tensor) -> Tensor {
        b.unary("rdiv", { a / $0 }) { g, x, _ in -g * a / (x * x) }
    }

    /// Negation. Backward: −g.
    public static prefix func - (x: Tensor) -> Tensor {
        x.unary("neg", { -$0 }) { g, _, _ in -g }
    }

    // MARK: Unary functions

    /// eˣ for every element. Backward: g·y.
    public func exp() -> Tensor {
        let input = scalars
        let output = VectorMath.exp(input)
        return Tensor.result(shape: shape, scalars: output, operation: "exp", inputs: [self]) { [shape] g in
            [Tensor(shape: shape, scalars: Kernels.zip(g.scalars, output, *))]
        }
    }

    /// Natural logarithm of every element. Backward: g/x.
    public func log() -> Tensor {
        unary("log", { Foundation.log($0) }) { g, x, _ in g / x }
    }

    /// Square root of every element. Backward: g/(2y).
    public func sqrt() -> Tensor {
        unary("sqrt", { $0.squareRoot() }) { g, _, y in g / (2 * y) }
    }

    /// Every element raised to `exponent`. Backward: g·p·x^(p−1).
    public func pow(_ exponent: Float) -> Tensor {
        if exponent == 2 {
            return unary("pow", { $0 * $0 }) { g, x, _ in 2 * g * x }
        }
        return unary("pow", { Foundation.pow($0, exponent) }) { g, x, _ in
            g * exponent * Foundation.pow(x, exponent - 1)
        }
    }

    /// Absolute value. Backward: g·sign(x) (0 at 0, like PyTorch).
    public func abs() -> Tensor {
        unary("abs", { Swift.abs($0) }) { g, x, _ in x > 0 ? g : (x < 0 ? -g : 0) }
    }

    /// Clamps every element into [min, max] (`torch.clamp`). Backward: g where the input was inside.
    public func clamp(min lower: Float = -.infinity, max upper: Float = .infinity) -> Tensor {
        unary("clamp", { Swift.min(Swift.max($0, lower), upper) }) { g, x, _ in
            x >= lower && x <= upper ? g : 0
        }
    }
}

/// eˣ for every element (`torch.exp`).
public func exp(_ x: Tensor) -> Tensor { x.exp() }
/// Natural logarithm of every element (`torch.log`).
public func log(_ x: Tensor) -> Tensor { x.log() }
/// Square root of every element (`torch.sqrt`).
public func sqrt(_ x: Tensor) -> Tensor { x.sqrt() }
/// Every element raised to `exponent` (`torch.pow`).
public func pow(_ x: Tensor, _ exponent: Float) -> Tensor { x.pow(exponent) }
/// Absolute value of every element (`torch.abs`).
public func abs(_ x: Tensor) -> Tensor { x.abs() }
