extension PluginRegistry {
    /// JsonConverter, StringConverter, ByteArrayConverter and Kafka's number converters.
    static let builtinConverters: [ConverterPlugin] = []
    /// SimpleHeaderConverter (the default `header.converter`) and StringConverter.
    static let builtinHeaderConverters: [HeaderConverterPlugin] = []
}
