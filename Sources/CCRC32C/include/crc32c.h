#ifndef SAMSA_CRC32C_H
#define SAMSA_CRC32C_H
#include <stddef.h>
#include <stdint.h>

/// CRC-32C (Castagnoli), as Kafka's RecordBatch v2 uses. Continue a running value by passing it as `crc`;
/// start with 0. Uses the SSE4.2 instruction when the CPU has it, a sliced table otherwise.
uint32_t samsa_crc32c(uint32_t crc, const void *data, size_t length);

#endif
