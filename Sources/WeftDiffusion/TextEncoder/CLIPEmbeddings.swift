import WeftTensor

/// A CLIP text model's input embeddings: a learned vector per token id plus a learned vector per position, read from
/// `token_embedding.weight` (`[vocabulary, width]`) and `position_embedding.weight` (`[positions, width]`).
struct CLIPEmbeddings: Sendable {
    /// One row per token id.
    let tokens: Tensor
    /// One row per position in a window.
    let positions: Tensor

    /// Reads both tables under `weights`' scope.
    /// - Throws: `ModelWeightsError` naming the key when a table is missing, not 2-D, or the two differ in width.
    init(_ weights: ModelWeights) throws(ModelWeightsError) {
        tokens = try weights.tensor("token_embedding.weight")
        guard tokens.rank == 2 else {
            throw ModelWeightsError(
                component: weights.component, key: weights.prefix + "token_embedding.weight",
                message: "expected a 2-D [vocabulary, width] table, found \(tokens.shape)")
        }
        positions = try weights.tensor("position_embedding.weight")
        guard positions.rank == 2, positions.shape[1] == tokens.shape[1] else {
            throw ModelWeightsError(
                component: weights.component, key: weights.prefix + "position_embedding.weight",
                message: "expected a 2-D [positions, \(tokens.shape[1])] table, found \(positions.shape)")
        }
    }

    /// The size of each embedding vector.
    var width: Int { tokens.shape[1] }
    /// The number of token ids.
    var vocabularySize: Int { tokens.shape[0] }
    /// The most tokens a window may hold.
    var positionCount: Int { positions.shape[0] }

    /// Checks that `windows` form one batch this table can embed: at least one window, all of the same non-zero
    /// length no longer than the position table, every id in the vocabulary.
    /// - Throws: `CLIPTextEncoderError` naming the first problem.
    func validate(_ windows: [[Int]]) throws(CLIPTextEncoderError) {
        guard let length = windows.first?.count, length > 0 else {
            throw .invalidWindows("there are no tokens to encode")
        }
        guard windows.allSatisfy({ $0.count == length }) else {
            throw .invalidWindows("the windows differ in length (\(windows.map(\.count)))")
        }
        guard length <= positionCount else {
            throw .invalidWindows("a window of \(length) tokens is longer than the \(positionCount) positions")
        }
        for (window, ids) in windows.enumerated() {
            if let position = ids.firstIndex(where: { !(0..<vocabularySize).contains($0) }) {
                throw .tokenOutOfRange(id: ids[position], window: window, position: position, vocabularySize: vocabularySize)
            }
        }
    }

    /// The embeddings of `windows` (validated by `validate(_:)`), `[windows, length, width]`: each token's vector plus
    /// its position's.
    func callAsFunction(_ windows: [[Int]]) throws(TensorError) -> Tensor {
        let length = windows.first?.count ?? 0
        var embedded = try gatheredRows(tokens, windows.flatMap { $0 }).reshaped([windows.count, length, width])
        try embedded += positions.narrowed(dimension: 0, start: 0, length: length)
        return embedded
    }
}
