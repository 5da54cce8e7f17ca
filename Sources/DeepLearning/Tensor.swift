// Placeholder so the package builds; the DeepLearning core issue replaces this file.
/// A Float32 tensor, row-major.
public final class Tensor {
    /// Sizes of each dimension, outermost first.
    public var shape: [Int]
    /// The elements in row-major order.
    public var scalars: [Float]
    /// Makes a tensor from its elements and shape.
    public init(shape: [Int], scalars: [Float]) {
        precondition(shape.reduce(1, *) == scalars.count, "shape \(shape) does not hold \(scalars.count) elements")
        self.shape = shape
        self.scalars = scalars
    }
}
