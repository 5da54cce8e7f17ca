/// Batch normalization over (N, C) or (N, C, L) inputs, PyTorch's `nn.BatchNorm1d`.
public final class BatchNorm1d: BatchNormBase {
    /// (N, C) or (N, C, L), as PyTorch's `BatchNorm1d`.
    public override var acceptedRanks: (ranks: Set<Int>, description: String) { ([2, 3], "(N, C) or (N, C, L)") }
}
