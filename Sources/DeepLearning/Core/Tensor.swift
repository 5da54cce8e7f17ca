/// A Float32 tensor: contiguous row-major storage, a shape, and the bookkeeping of reverse-mode autograd.
///
/// `Tensor` is a class, so two names for one tensor see the same storage and gradient, as in PyTorch.
/// Every operation returns a new tensor. When gradient recording is on (see `noGrad(_:)`) and an input
/// has `requiresGrad`, the result remembers its inputs and how to pass a gradient back to them;
/// `backward()` walks that record once and then frees it.
public final class Tensor {
    /// Sizes of each dimension, outermost first. A scalar tensor has the empty shape `[]`.
    public internal(set) var shape: [Int]
    /// The elements in row-major order. Writing to it changes the tensor in place (no autograd record),
    /// the way optimizers update parameters.
    public var scalars: [Float]
    /// Whether gradients flow to this tensor. Leaves with `requiresGrad` collect them in `grad`.
    public var requiresGrad: Bool
    /// The gradient accumulated by `backward()` for a leaf tensor that requires gradients.
    public var grad: Tensor?
    /// How this tensor was computed; `nil` for leaves and after the graph was freed by `backward()`.
    var gradientFunction: GradientFunction?

    /// Makes a tensor from its shape and row-major elements.
    ///
    /// - Precondition: the product of `shape` equals `scalars.count`.
    public init(shape: [Int], scalars: [Float], requiresGrad: Bool = false) {
        precondition(shape.allSatisfy { $0 >= 0 }, "negative size in shape \(shape)")
        precondition(
            shape.reduce(1, *) == scalars.count,
            "shape \(shape) holds \(shape.reduce(1, *)) elements, but \(scalars.count) were given")
        self.shape = shape
        self.scalars = scalars
        self.requiresGrad = requiresGrad
    }

    /// The number of elements (PyTorch's `numel()`).
    public var count: Int { scalars.count }
    /// The number of elements (PyTorch's name).
    public func numel() -> Int { scalars.count }
    /// The number of dimensions (PyTorch's `dim()`).
    public var rank: Int { shape.count }
    /// The size of one dimension; negative `dim` counts from the end.
    public func size(_ dim: Int) -> Int { shape[normalizedDimension(dim)] }

    /// The single element of a one-element tensor, as PyTorch's `item()`.
    public var item: Float {
        precondition(scalars.count == 1, "item needs a tensor with one element, shape is \(shape)")
        return scalars[0]
    }

    /// True when the tensor was made by the user rather than computed by a recorded operation.
    public var isLeaf: Bool { gradientFunction == nil }

    /// A new tensor with the same values that is cut off from the graph (PyTorch's `detach()`).
    public func detach() -> Tensor { Tensor(shape: shape, scalars: scalars) }

    /// Sets `requiresGrad` and returns the tensor itself (PyTorch's `requires_grad_()`).
    @discardableResult
    public func requiringGrad(_ flag: Bool = true) -> Tensor {
        requiresGrad = flag
        return self
    }

    /// Drops the accumulated gradient.
    public func zeroGrad() { grad = nil }

    /// A copy of the values (a new leaf that does not require gradients), as PyTorch's `clone().detach()`.
    public func copy() -> Tensor { Tensor(shape: shape, scalars: scalars) }

    /// Turns a possibly negative dimension into an index in `0..<rank`, with a readable failure.
    func normalizedDimension(_ dim: Int, rank: Int? = nil) -> Int {
        let rank = rank ?? shape.count
        let normalized = dim < 0 ? dim + rank : dim
        precondition(
            normalized >= 0 && normalized < Swift.max(rank, 1),
            "dimension \(dim) is out of range for a tensor of shape \(shape)")
        return normalized
    }
}

extension Tensor: CustomStringConvertible {
    /// The values laid out like PyTorch prints them, e.g. `tensor([[1, 2], [3, 4]])`.
    public var description: String {
        func format(_ value: Float) -> String {
            if value == value.rounded(), Swift.abs(value) < 1e7 { return String(Int(value)) }
            return String(value)
        }
        func render(_ dim: Int, _ offset: Int) -> String {
            if dim == shape.count { return format(scalars[offset]) }
            let stride = shape[(dim + 1)...].reduce(1, *)
            let parts = (0..<shape[dim]).map { render(dim + 1, offset + $0 * stride) }
            return "[" + parts.joined(separator: ", ") + "]"
        }
        let suffix = requiresGrad ? ", requiresGrad: true" : ""
        return "tensor(" + render(0, 0) + suffix + ")"
    }
}
