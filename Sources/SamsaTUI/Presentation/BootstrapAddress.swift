/// The address clients bootstrap from, as the header shows it: every broker's real listener, one host at a
/// time, consecutive ports folded into a range — `127.0.0.1:9092-9094`, `127.0.0.1:9092-9093,9095`.
enum BootstrapAddress {
    static func text(_ brokers: [BrokerStatus]) -> String {
        var hosts: [String] = []
        var ports: [String: [Int]] = [:]
        for broker in brokers.sorted(by: { $0.id < $1.id }) {
            if ports[broker.host] == nil { hosts.append(broker.host) }
            ports[broker.host, default: []].append(broker.port)
        }
        return hosts.map { host in "\(host):" + Format.ranges(Array(Set(ports[host]!)).sorted()) }.joined(separator: ",")
    }
}
