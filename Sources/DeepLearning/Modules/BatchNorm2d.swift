/// Batch normalization over (N, C, H, W) inputs, per channel, PyTorch's `nn.BatchNorm2d`.
public final class BatchNorm2d: BatchNormBase {
    /// (N, C, H, W), as PyTorch's `BatchNorm2d`.
    public override var acceptedRanks: (ranks: Set<Int>, description: String) { ([4], "(N, C, H, W)") }
}
