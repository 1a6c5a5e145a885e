import Testing
@testable import SamsaTUI

@Suite struct ProducerInputTests {
    @Test func splitsKeyAndValueAtTheFirstColon() {
        #expect(ProducerInput.parse("user-1:hello")! == ("user-1", "hello"))
        #expect(ProducerInput.parse("just a value")! == (nil, "just a value"))
        #expect(ProducerInput.parse("k:v:w")! == ("k", "v:w"))
        #expect(ProducerInput.parse(":no key")! == (nil, "no key"))
        #expect(ProducerInput.parse("time\\: 12\\:30")! == (nil, "time: 12:30"))
        #expect(ProducerInput.parse("키:값")! == ("키", "값"))
        #expect(ProducerInput.parse("") == nil)
    }

    @Test func buildsRequestsOrSaysWhatIsWrong() throws {
        var input = ProducerInput(text: "k:v", acks: .all, partitioning: .byKey)
        #expect(try input.request(topic: "orders", partitionCount: 3).get()
                == ProduceRequest(topic: "orders", key: "k", value: "v", acks: .all, partitioning: .byKey))
        input.text = "no key"
        #expect(try input.request(topic: "orders", partitionCount: 3).get()
                == ProduceRequest(topic: "orders", key: nil, value: "no key", acks: .all, partitioning: .byKey), "sticky, as in Kafka")
        input.partitioning = .explicit(5)
        #expect(input.request(topic: "orders", partitionCount: 3) == .failure(WorkbenchError("Topic orders has no partition 5.")))
        #expect(input.request(topic: nil, partitionCount: 0) == .failure(WorkbenchError("Select a topic in the Topics pane first.")))
    }

    @Test func cyclesAcksAndPartitioning() {
        var input = ProducerInput()
        #expect(input.acks == .leader)
        input.cycleAcks()
        #expect(input.acks == .all)
        input.cycleAcks()
        #expect(input.acks == .none)
        input.cycleAcks()
        #expect(input.acks == .leader)
        var seen: [PartitionChoice] = []
        for _ in 0..<5 {
            input.cyclePartitioning(partitionCount: 2)
            seen.append(input.partitioning)
        }
        #expect(seen == [.byKey, .explicit(0), .explicit(1), .sticky, .byKey])
    }
}
