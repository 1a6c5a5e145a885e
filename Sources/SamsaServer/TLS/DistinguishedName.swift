/// A certificate subject as Java's `X500Principal.getName(RFC2253)` writes it, which Kafka's
/// DefaultKafkaPrincipalBuilder puts after `User:` (e.g. `CN=alice,OU=eng,O=Samsa`): RDNs last-first, the
/// keywords Java knows (CN, C, L, ST, O, OU, STREET, DC, UID), other attributes as `OID=#hex` of their DER.
enum DistinguishedName {
    /// The subject of a DER-encoded X.509 certificate in RFC 2253 form; nil if the DER is not a certificate.
    static func subject(ofCertificate der: [UInt8]) -> String? {
        var reader = DERReader(der[...])
        guard let certificate = reader.next(), certificate.tag == 0x30 else { return nil }
        var fields = DERReader(certificate.content)
        guard let tbs = fields.next(), tbs.tag == 0x30 else { return nil }
        var tbsFields = DERReader(tbs.content)
        var parts: [DERReader.Element] = []
        while let element = tbsFields.next() { parts.append(element) }
        // [0] version (optional), serial, signature, issuer, validity, subject.
        let offset = parts.first?.tag == 0xA0 ? 1 : 0
        guard parts.count > offset + 4, parts[offset + 4].tag == 0x30 else { return nil }
        return rfc2253(name: parts[offset + 4].content)
    }

    static let keywords: [String: String] = [
        "2.5.4.3": "CN", "2.5.4.6": "C", "2.5.4.7": "L", "2.5.4.8": "ST", "2.5.4.10": "O", "2.5.4.11": "OU",
        "2.5.4.9": "STREET", "0.9.2342.19200300.100.1.25": "DC", "0.9.2342.19200300.100.1.1": "UID",
    ]

    /// Name ::= SEQUENCE OF RDN (SET OF AttributeTypeAndValue), written last RDN first.
    static func rfc2253(name: ArraySlice<UInt8>) -> String? {
        var rdns = DERReader(name)
        var written: [String] = []
        while let rdn = rdns.next() {
            guard rdn.tag == 0x31 else { return nil }
            var attributes = DERReader(rdn.content)
            var pairs: [String] = []
            while let attribute = attributes.next() {
                var inner = DERReader(attribute.content)
                guard let oid = inner.next(), oid.tag == 0x06, let value = inner.next() else { return nil }
                let dotted = objectIdentifier(oid.content)
                if let keyword = keywords[dotted], let text = string(value) {
                    pairs.append("\(keyword)=\(escape(text))")
                } else {
                    pairs.append("\(dotted)=#" + value.encoded.map { hex($0) }.joined())
                }
            }
            written.append(pairs.joined(separator: "+"))
        }
        return written.reversed().joined(separator: ",")
    }

    /// The text of a DirectoryString (UTF8String, PrintableString, IA5String, T61String, BMPString).
    static func string(_ element: DERReader.Element) -> String? {
        switch element.tag {
        case 0x0C, 0x13, 0x16, 0x14: return String(decoding: element.content, as: UTF8.self)
        case 0x1E:
            let bytes = Array(element.content)
            let units = stride(from: 0, to: bytes.count - 1, by: 2).map { UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]) }
            return String(decoding: units, as: UTF16.self)
        default: return nil
        }
    }

    /// RFC 2253 section 2.4: `,+"\<>;` escaped, and a leading `#` or space and a trailing space.
    static func escape(_ text: String) -> String {
        var out = ""
        for (index, character) in text.enumerated() {
            if ",+\"\\<>;".contains(character) || (index == 0 && (character == "#" || character == " "))
                || (index == text.count - 1 && character == " ") {
                out.append("\\")
            }
            out.append(character)
        }
        return out
    }

    static func objectIdentifier(_ bytes: ArraySlice<UInt8>) -> String {
        var components: [UInt64] = []
        var value: UInt64 = 0
        for byte in bytes {
            value = value << 7 | UInt64(byte & 0x7F)
            if byte & 0x80 == 0 {
                if components.isEmpty {
                    components = value < 80 ? [value / 40, value % 40] : [2, value - 80]
                } else {
                    components.append(value)
                }
                value = 0
            }
        }
        return components.map(String.init).joined(separator: ".")
    }

    static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789abcdef")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
    }
}

/// Reads DER elements (tag, length, content) one after another from a slice.
struct DERReader {
    struct Element {
        var tag: UInt8
        var content: ArraySlice<UInt8>
        /// Tag, length and content, as they appeared.
        var encoded: ArraySlice<UInt8>
    }

    private var bytes: ArraySlice<UInt8>

    init(_ bytes: ArraySlice<UInt8>) { self.bytes = bytes }

    mutating func next() -> Element? {
        let start = bytes.startIndex
        guard bytes.count >= 2 else { return nil }
        let tag = bytes[start]
        var index = start + 1
        var length = Int(bytes[index])
        index += 1
        if length & 0x80 != 0 {
            let count = length & 0x7F
            guard count > 0, count <= 4, bytes.endIndex - index >= count else { return nil }
            length = bytes[index..<index + count].reduce(0) { $0 << 8 | Int($1) }
            index += count
        }
        guard length >= 0, bytes.endIndex - index >= length else { return nil }
        let element = Element(tag: tag, content: bytes[index..<index + length], encoded: bytes[start..<index + length])
        bytes = bytes[(index + length)...]
        return element
    }
}
