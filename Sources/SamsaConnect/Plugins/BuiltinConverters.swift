extension PluginRegistry {
    /// JsonConverter, StringConverter, ByteArrayConverter and Kafka's number converters, under Kafka's class names.
    static let builtinConverters: [ConverterPlugin] = [
        .init(className: "org.apache.kafka.connect.json.JsonConverter") { try JsonConverter(configs: $0, isKey: $1) },
        .init(className: "org.apache.kafka.connect.storage.StringConverter") { try StringConverter(configs: $0, isKey: $1) },
        .init(className: "org.apache.kafka.connect.converters.ByteArrayConverter") { try ByteArrayConverter(configs: $0, isKey: $1) },
        .init(className: "org.apache.kafka.connect.converters.LongConverter") { try LongConverter(configs: $0, isKey: $1) },
        .init(className: "org.apache.kafka.connect.converters.IntegerConverter") { try IntegerConverter(configs: $0, isKey: $1) },
        .init(className: "org.apache.kafka.connect.converters.ShortConverter") { try ShortConverter(configs: $0, isKey: $1) },
        .init(className: "org.apache.kafka.connect.converters.FloatConverter") { try FloatConverter(configs: $0, isKey: $1) },
        .init(className: "org.apache.kafka.connect.converters.DoubleConverter") { try DoubleConverter(configs: $0, isKey: $1) },
        .init(className: "org.apache.kafka.connect.converters.BooleanConverter") { try BooleanConverter(configs: $0, isKey: $1) },
    ]

    /// SimpleHeaderConverter (the default `header.converter`), and every converter above, which Kafka's also
    /// implement HeaderConverter.
    static let builtinHeaderConverters: [HeaderConverterPlugin] = [
        .init(className: "org.apache.kafka.connect.storage.SimpleHeaderConverter") { try SimpleHeaderConverter(configs: $0) },
        .init(className: "org.apache.kafka.connect.json.JsonConverter") { try JsonConverter(configs: $0) },
        .init(className: "org.apache.kafka.connect.storage.StringConverter") { try StringConverter(configs: $0) },
        .init(className: "org.apache.kafka.connect.converters.ByteArrayConverter") { try ByteArrayConverter(configs: $0) },
        .init(className: "org.apache.kafka.connect.converters.LongConverter") { try LongConverter(configs: $0) },
        .init(className: "org.apache.kafka.connect.converters.IntegerConverter") { try IntegerConverter(configs: $0) },
        .init(className: "org.apache.kafka.connect.converters.ShortConverter") { try ShortConverter(configs: $0) },
        .init(className: "org.apache.kafka.connect.converters.FloatConverter") { try FloatConverter(configs: $0) },
        .init(className: "org.apache.kafka.connect.converters.DoubleConverter") { try DoubleConverter(configs: $0) },
        .init(className: "org.apache.kafka.connect.converters.BooleanConverter") { try BooleanConverter(configs: $0) },
    ]
}
