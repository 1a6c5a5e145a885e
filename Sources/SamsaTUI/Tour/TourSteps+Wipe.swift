import Foundation

/// The quick start's last step, "wipe the data": it names the directory this workbench's cluster really
/// uses, in a form that can be pasted into a shell.
extension TourSteps {
    static func wipe(dataDirectory: String?) -> TourStep {
        TourStep(id: "wipe", title: Localized(en: "Step 8: wipe the data", ko: "8단계: 데이터 지우기"),
                 body: dataDirectory.map(wipeBody) ?? attachedWipeBody, howTo: nil, kind: .learn)
    }

    private static func wipeBody(_ directory: String) -> Localized {
        let command = "rm -rf \(shellQuoted(directory))"
        return Localized(
            en: "Kafka keeps events on disk until retention removes them. The quick start ends by deleting everything: quit the workbench (q), then remove its data directory: \(command) (the directory given with --data-dir). The next start has a fresh, empty cluster; restarting without removing it keeps every topic and event.",
            ko: "Kafka는 보존 기간(retention)이 지나 삭제될 때까지 이벤트를 디스크에 보관합니다. 빠른 시작의 마지막 단계는 모든 것을 지우는 것입니다. 워크벤치를 종료하고(q) 데이터 디렉터리를 지우세요: \(command) (--data-dir로 지정한 디렉터리). 다음에 시작하면 비어 있는 새 클러스터가 되고, 지우지 않고 다시 시작하면 토픽과 이벤트가 모두 그대로 남아 있습니다.")
    }

    private static let attachedWipeBody = Localized(
        en: "Kafka keeps events on disk until retention removes them. The quick start ends by deleting everything: stop the brokers, then remove the directories in their log.dirs. Attached to someone else's cluster, leave its data alone: this step is for a cluster you run yourself.",
        ko: "Kafka는 보존 기간(retention)이 지나 삭제될 때까지 이벤트를 디스크에 보관합니다. 빠른 시작의 마지막 단계는 모든 것을 지우는 것입니다. 브로커를 멈춘 뒤 log.dirs에 있는 디렉터리를 지우세요. 다른 사람의 클러스터에 연결한 경우에는 데이터를 그대로 두세요. 이 단계는 직접 운영하는 클러스터를 위한 것입니다.")

    /// `path` as one shell word: bare when it has only safe characters, else in single quotes.
    static func shellQuoted(_ path: String) -> String {
        let safe = path.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "/._-+:@%,".contains($0)) }
        return safe && !path.isEmpty ? path : "'" + path.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
