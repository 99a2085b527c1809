// The .npy header reader, against headers laid out as NumPy's format documentation
// (numpy.lib.format) specifies them: "\x93NUMPY", major and minor version, a little-endian
// header length (2 bytes in version 1.0, 4 in 2.0 and 3.0), then the repr of a dict with the keys
// 'descr', 'fortran_order' and 'shape', padded with spaces and ended by '\n' so that the data
// starts at a multiple of 64 bytes.
#include <gtest/gtest.h>

#include "readers/npy.h"

namespace dimsum {
namespace {

std::string header(int major, std::string dict) {
  size_t preamble = major == 1 ? 10 : 12;
  size_t total = preamble + dict.size() + 1;
  dict += std::string((64 - total % 64) % 64, ' ') + "\n";
  std::string out = "\x93NUMPY";
  out += static_cast<char>(major);
  out += '\0';
  uint32_t length = static_cast<uint32_t>(dict.size());
  for (size_t i = 0; i < preamble - 8; ++i) out += static_cast<char>(length >> (8 * i) & 0xff);
  return out + dict;
}

NpyHeader parse_ok(const std::string& bytes) {
  NpyHeader h;
  std::string error;
  EXPECT_TRUE(parse_npy_header(bytes, h, error)) << error;
  return h;
}

std::string parse_error(const std::string& bytes) {
  NpyHeader h;
  std::string error;
  EXPECT_FALSE(parse_npy_header(bytes, h, error));
  return error;
}

TEST(NpyHeader, Version1AsNumpyWritesIt) {
  std::string bytes =
      header(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (60000, 28, 28), }");
  NpyHeader h = parse_ok(bytes);
  EXPECT_EQ(h.descr, "<f4");
  EXPECT_EQ(h.dtype.kind, DataType::Kind::kFloat);
  EXPECT_FALSE(h.fortran_order);
  EXPECT_EQ(h.shape, (std::vector<int64_t>{60000, 28, 28}));
  EXPECT_EQ(h.data_offset, 128u);  // the data starts at a multiple of 64
  EXPECT_EQ(h.data_bytes, 60000u * 28 * 28 * 4);
  size_t size = 0;
  std::string error;
  ASSERT_TRUE(npy_header_size(bytes.substr(0, kNpyPreambleSize), size, error)) << error;
  EXPECT_EQ(size, 128u);
}

TEST(NpyHeader, Versions2And3HaveAFourByteLength) {
  for (int major : {2, 3}) {
    NpyHeader h =
        parse_ok(header(major, "{'descr': '>i2', 'fortran_order': True, 'shape': (7, 3), }"));
    EXPECT_EQ(h.dtype.kind, DataType::Kind::kInteger);
    EXPECT_TRUE(h.fortran_order);
    EXPECT_EQ(h.shape, (std::vector<int64_t>{7, 3}));
    EXPECT_EQ(h.data_offset % 64, 0u);
    EXPECT_EQ(h.data_bytes, 7u * 3 * 2);
  }
}

TEST(NpyHeader, OneAxisScalarAndPython2Longs) {
  EXPECT_EQ(parse_ok(header(1, "{'descr': '|u1', 'fortran_order': False, 'shape': (5,), }")).shape,
            (std::vector<int64_t>{5}));
  EXPECT_TRUE(
      parse_ok(header(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (), }")).shape.empty());
  EXPECT_EQ(
      parse_ok(header(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (100L, 28L), }")).shape,
      (std::vector<int64_t>{100, 28}));
}

TEST(NpyHeader, DtypeKinds) {
  struct Row {
    const char* descr;
    DataType::Kind kind;
    std::optional<uint64_t> bytes_for_10;
  };
  const Row rows[] = {
      {"|b1", DataType::Kind::kBool, 10},      {"<i8", DataType::Kind::kInteger, 80},
      {"<u2", DataType::Kind::kInteger, 20},   {"<f2", DataType::Kind::kFloat, 20},
      {"<c16", DataType::Kind::kComplex, 160}, {"<U12", DataType::Kind::kString, 480},
      {"|S5", DataType::Kind::kString, 50},    {"|O", DataType::Kind::kObject, std::nullopt},
      {"<M8[ns]", DataType::Kind::kOther, 80}, {"|V16", DataType::Kind::kOther, 160},
  };
  for (const Row& row : rows) {
    NpyHeader h = parse_ok(header(1, std::string("{'descr': '") + row.descr +
                                         "', 'fortran_order': False, 'shape': (10,), }"));
    EXPECT_EQ(h.dtype.kind, row.kind) << row.descr;
    EXPECT_EQ(h.dtype.numpy, row.descr);
    EXPECT_EQ(h.data_bytes, row.bytes_for_10) << row.descr;
  }
}

TEST(NpyHeader, StructuredDtypeIsAListOfFields) {
  NpyHeader h = parse_ok(header(
      1, "{'descr': [('x', '<f4'), ('y', '<i8', (2,))], 'fortran_order': False, 'shape': (4,), }"));
  EXPECT_EQ(h.dtype.kind, DataType::Kind::kOther);
  EXPECT_EQ(h.descr, "[('x', '<f4'), ('y', '<i8', (2,))]");
  EXPECT_FALSE(h.data_bytes);
}

TEST(NpyHeader, KeysInAnyOrderAndDoubleQuotes) {
  NpyHeader h =
      parse_ok(header(1, "{\"shape\": (2, 3), \"fortran_order\": False, \"descr\": \"<f4\"}"));
  EXPECT_EQ(h.shape, (std::vector<int64_t>{2, 3}));
}

TEST(NpyHeader, DamagedHeadersAreRefused) {
  auto with = [](const std::string& dict) { return header(1, dict); };
  EXPECT_NE(parse_error("\x93NUMPX\x01\x00").find("magic"), std::string::npos);
  EXPECT_NE(parse_error(std::string("\x93NUMPY\x04\x00\x10\x00", 10)).find("version 4.0"),
            std::string::npos);
  EXPECT_NE(parse_error("\x93NUMPY\x01").find("truncated"), std::string::npos);
  std::string full = with("{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }");
  EXPECT_NE(parse_error(full.substr(0, 40)).find("truncated"), std::string::npos);
  EXPECT_NE(parse_error(with("{'descr': '<f4', 'shape': (3,), }")).find("lacks"),
            std::string::npos);
  EXPECT_NE(parse_error(with("{'descr': '<f4', 'fortran_order': False, 'shape': (3,), 'x': 1}"))
                .find("other than"),
            std::string::npos);
  EXPECT_NE(parse_error(with("{'descr': '<f4', 'fortran_order': 0, 'shape': (3,), }"))
                .find("fortran_order"),
            std::string::npos);
  EXPECT_NE(
      parse_error(with("{'descr': '<f4', 'fortran_order': False, 'shape': [3], }")).find("tuple"),
      std::string::npos);
  EXPECT_NE(parse_error(with("{'descr': '<f4', 'fortran_order': False, 'shape': (-3,), }"))
                .find("non-negative"),
            std::string::npos);
  EXPECT_NE(parse_error(with("{'descr': 'f', 'fortran_order': False, 'shape': (3,), }"))
                .find("not a dtype"),
            std::string::npos);
  EXPECT_NE(parse_error(with("{'descr': '<f4', 'fortran_order': False, 'shape': (3,), "))
                .find("ends early"),
            std::string::npos);
  EXPECT_NE(parse_error(with("{'descr': '<f4', 'fortran_order': False, "
                             "'shape': (99999999999, 99999999999, 99999999999), }"))
                .find("overflows"),
            std::string::npos);
  EXPECT_NE(parse_error(with("{'descr': '<f4', 'fortran_order': False, "
                             "'shape': (99999999999999999999,), }"))
                .find("overflows"),
            std::string::npos);
  EXPECT_NE(parse_error(with("{'descr': " + std::string(100, '[') + "}")).find("deeply"),
            std::string::npos);
}

TEST(NpyHeader, OversizedHeaderLengthIsRefusedBeforeReading) {
  size_t size = 0;
  std::string error;
  EXPECT_FALSE(npy_header_size(std::string("\x93NUMPY\x02\x00\xff\xff\xff\x7f", 12), size, error));
  EXPECT_NE(error.find("too large"), std::string::npos);
}

}  // namespace
}  // namespace dimsum
