import Foundation
import OrderedCollections
import WeftCore
import WeftStore

/// `/system_stats`: versions, memory, and the CPU as the one device (ComfyUI's shape, with Weft's names).
enum SystemStats {
    /// Weft's version, reported where ComfyUI reports its own.
    static let version = "0.3.0"

    static func current(features: JSONValue) -> JSONValue {
        let memory = MemoryInfo.read()
        let processInfo = ProcessInfo.processInfo
        return [
            "system": [
                "os": "posix",
                "ram_total": .integer(Int128(memory.total)),
                "ram_free": .integer(Int128(memory.available)),
                "comfyui_version": .string(version),
                "weft_version": .string(version),
                "required_frontend_version": "",
                "python_version": "",
                "pytorch_version": "",
                "embedded_python": false,
                "argv": .array(processInfo.arguments.prefix(1).map(JSONValue.string)),
                "cpu_count": .integer(Int128(processInfo.activeProcessorCount)),
            ],
            "devices": [
                [
                    "name": "cpu", "type": "cpu", "index": .null,
                    "vram_total": .integer(Int128(memory.total)), "vram_free": .integer(Int128(memory.available)),
                    "torch_vram_total": 0, "torch_vram_free": 0,
                ]
            ],
        ]
    }

    /// Total and available memory in bytes, from `/proc/meminfo` (zero where it cannot be read).
    struct MemoryInfo {
        var total: Int = 0
        var available: Int = 0

        static func read() -> MemoryInfo {
            var info = MemoryInfo()
            guard let text = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8) else { return info }
            for line in text.split(separator: "\n") {
                let fields = line.split(separator: " ", omittingEmptySubsequences: true)
                guard fields.count >= 2, let kibibytes = Int(fields[1]) else { continue }
                switch fields[0] {
                case "MemTotal:": info.total = kibibytes * 1024
                case "MemAvailable:": info.available = kibibytes * 1024
                default: break
                }
            }
            return info
        }
    }
}
