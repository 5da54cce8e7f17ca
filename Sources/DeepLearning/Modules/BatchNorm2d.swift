/// Batch normalization over (N, C, H, W) inputs, per channel, PyTorch's `nn.BatchNorm2d`.
public final class BatchNorm2d: BatchNormBase {
    public override var acceptedRanks: (ranks: Set<Int>, description: String) { ([4], "(N, C, H, W)") }
}
