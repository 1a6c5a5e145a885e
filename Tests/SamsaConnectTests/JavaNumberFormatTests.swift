import Testing
@testable import SamsaConnect

/// Expected texts are what Java's `Double.toString` / `Float.toString` print (JDK 19+, shortest digits); the
/// switch to scientific notation below 10^-3 and from 10^7 is specified in their Javadoc.
@Suite struct JavaNumberFormatTests {
    @Test(arguments: [
        (1.0, "1.0"), (-1.0, "-1.0"), (0.0, "0.0"), (-0.0, "-0.0"), (100.0, "100.0"), (0.1, "0.1"),
        (123.456, "123.456"), (0.001, "0.001"), (0.0001, "1.0E-4"), (1.5e-5, "1.5E-5"), (9999999.0, "9999999.0"),
        (1234567.25, "1234567.25"), (1e7, "1.0E7"), (12345678.9, "1.23456789E7"), (1e10, "1.0E10"), (-2.5e-7, "-2.5E-7"),
        (1e21, "1.0E21"), (1e-300, "1.0E-300"), (Double.greatestFiniteMagnitude, "1.7976931348623157E308"),
        (Double.leastNonzeroMagnitude, "4.9E-324"), (0.30000000000000004, "0.30000000000000004"), (2.0 / 3.0, "0.6666666666666666"),
    ])
    func doubles(value: Double, java: String) {
        #expect(JavaNumberFormat.string(value) == java)
    }

    @Test(arguments: [
        (Float(1.1), "1.1"), (Float(3.14), "3.14"), (Float(1), "1.0"), (Float(0.001), "0.001"), (Float(1e10), "1.0E10"),
        (Float.greatestFiniteMagnitude, "3.4028235E38"), (Float.leastNonzeroMagnitude, "1.4E-45"), (Float(-0.5), "-0.5"),
        (Float(12345.679), "12345.679"), (Float(1e7), "1.0E7"),
    ])
    func floats(value: Float, java: String) {
        #expect(JavaNumberFormat.string(value) == java)
    }

    @Test func nonFinite() {
        #expect(JavaNumberFormat.string(Double.nan) == "NaN")
        #expect(JavaNumberFormat.string(-Double.infinity) == "-Infinity")
        #expect(JavaNumberFormat.string(Float.infinity) == "Infinity")
    }
}
