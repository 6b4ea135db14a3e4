import CTensorKernels

#if !_endian(little)
    #error("safetensors data is little-endian; this reader maps it without byte swapping")
#endif

extension SafetensorsDType {
    /// Converts `bytes`, elements of this type, to Float32 in `output`, which holds exactly one float per element.
    /// `bytes` may be at any alignment.
    func decode(_ bytes: UnsafeRawBufferPointer, into output: UnsafeMutableBufferPointer<Float>) {
        guard let target = output.baseAddress, !output.isEmpty else { return }
        switch self {
        case .f32:
            UnsafeMutableRawBufferPointer(output).copyMemory(from: bytes)
        case .f16:
            Self.withHalves(bytes) { wt_f16_to_f32($0, target, output.count) }
        case .bf16:
            Self.withHalves(bytes) { wt_bf16_to_f32($0, target, output.count) }
        case .f64:
            for index in output.indices {
                output[index] = Float(bytes.loadUnaligned(fromByteOffset: index * 8, as: Double.self))
            }
        case .i64:
            Self.decodeIntegers(bytes, as: Int64.self, into: output)
        case .i32:
            Self.decodeIntegers(bytes, as: Int32.self, into: output)
        case .i16:
            Self.decodeIntegers(bytes, as: Int16.self, into: output)
        case .i8:
            Self.decodeIntegers(bytes, as: Int8.self, into: output)
        case .u8:
            Self.decodeIntegers(bytes, as: UInt8.self, into: output)
        case .bool:
            for index in output.indices {
                output[index] = bytes[index] == 0 ? 0 : 1
            }
        }
    }

    /// Calls `body` with `bytes` as 16-bit values, copying them first only if they are not 2-byte aligned.
    private static func withHalves(_ bytes: UnsafeRawBufferPointer, _ body: (UnsafePointer<UInt16>) -> Void) {
        if let base = bytes.baseAddress, Int(bitPattern: base) % MemoryLayout<UInt16>.alignment == 0 {
            bytes.withMemoryRebound(to: UInt16.self) { halves in
                if let start = halves.baseAddress { body(start) }
            }
            return
        }
        let aligned = [UInt16](unsafeUninitializedCapacity: bytes.count / 2) { buffer, initialized in
            UnsafeMutableRawBufferPointer(buffer).copyMemory(from: bytes)
            initialized = bytes.count / 2
        }
        aligned.withUnsafeBufferPointer { halves in
            if let start = halves.baseAddress { body(start) }
        }
    }

    /// Converts little-endian integers of type `Element` at any alignment to Float32.
    private static func decodeIntegers<Element: FixedWidthInteger>(
        _ bytes: UnsafeRawBufferPointer, as _: Element.Type, into output: UnsafeMutableBufferPointer<Float>
    ) {
        for index in output.indices {
            output[index] = Float(bytes.loadUnaligned(fromByteOffset: index * MemoryLayout<Element>.size, as: Element.self))
        }
    }
}
