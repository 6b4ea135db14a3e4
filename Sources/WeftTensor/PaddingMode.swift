/// What `Tensor.padded(_:mode:)` writes into the new border (PyTorch's `F.pad` modes).
public enum PaddingMode: Sendable, Equatable {
    /// Every new element is this value (`mode="constant"`; zero padding is `.constant(0)`).
    case constant(Float)
    /// Each new element copies the nearest edge element (`mode="replicate"`): `[1, 2, 3]` padded by 2 on both sides
    /// is `[1, 1, 1, 2, 3, 3, 3]`.
    case replicate
    /// The elements mirrored at the edge, without repeating the edge itself (`mode="reflect"`): `[1, 2, 3]` padded by 2
    /// on both sides is `[3, 2, 1, 2, 3, 2, 1]`. Each amount must be smaller than the dimension's size.
    case reflect
    /// The tensor repeated periodically (`mode="circular"`): `[1, 2, 3]` padded by 2 on both sides is
    /// `[2, 3, 1, 2, 3, 1, 2]`. Each amount must be at most the dimension's size.
    case circular
}

extension PaddingMode {
    /// Why this mode cannot pad a dimension of `size` elements by `before` and `after` (both ≥ 0), or nil when it can.
    func problem(size: Int, before: Int, after: Int) -> String? {
        guard before > 0 || after > 0 else { return nil }
        switch self {
        case .constant:
            return nil
        case .replicate:
            return size > 0 ? nil : "replicate padding needs at least one element to copy"
        case .reflect:
            return before < size && after < size ? nil : "reflect padding \(before), \(after) must be smaller than the size \(size)"
        case .circular:
            return before <= size && after <= size ? nil : "circular padding \(before), \(after) must be at most the size \(size)"
        }
    }

    /// The index in `0 ..< size` that padded position `index` reads (`index` is counted from the first original
    /// element, so the border before it is negative), or nil when it is filled with the constant. `problem` must have
    /// accepted the padding that produced `index`.
    func sourceIndex(_ index: Int, size: Int) -> Int? {
        if index >= 0 && index < size { return index }
        switch self {
        case .constant: return nil
        case .replicate: return index < 0 ? 0 : size - 1
        case .reflect: return index < 0 ? -index : 2 * (size - 1) - index
        case .circular: return (index % size + size) % size
        }
    }
}
