// RocksDB's C API (Debian's librocksdb-dev), the embedded store Kafka Streams keeps its state in.
#ifndef SAMSA_CROCKSDB_SHIM_H
#define SAMSA_CROCKSDB_SHIM_H
#include <rocksdb/c.h>
#endif
