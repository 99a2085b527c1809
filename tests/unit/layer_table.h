// One row of a layer table: a Sequential of an InputLayer and the layer under test, with the
// output shape, parameters, multiply-adds or first error Keras gives. Shared by the tables of
// the layer families (conv_variants_test.cc, attention_test.cc, ...).
#pragma once

#include <gtest/gtest.h>

#include <ostream>
#include <string>

#include "model_text.h"

namespace dimsum::testing {

struct LayerRow {
  std::string name;
  std::string input;    // batch_input_shape of the InputLayer, as JSON
  std::string layer;    // the layer under test, {"class_name": ..., "config": ...}
  std::string output;   // expected output shape as Keras prints it; "" when an error is expected
  int64_t params = -1;  // expected total parameters (-1: not checked)
  std::string error;    // expected first error code, or ""
  int64_t macs = -1;    // expected multiply-adds for one sample (-1: not checked)
};

inline void PrintTo(const LayerRow& row, std::ostream* os) { *os << row.name; }

inline void expect_row(const LayerRow& row) {
  Result result = check_or_fail(sequential(row.input, {row.layer}));
  std::string first_message;
  for (const Diagnostic& d : result.diagnostics)
    if (first_message.empty() && (d.severity == Severity::kError || d.code == "LOAD"))
      first_message = d.message;
  EXPECT_EQ(first_error(result), row.error) << first_message;
  if (!row.output.empty()) {
    ASSERT_EQ(result.output_shapes.size(), 1u);
    EXPECT_EQ(to_string(result.output_shapes[0]), row.output);
  }
  if (row.params >= 0) {
    ASSERT_TRUE(result.total_params.has_value());
    EXPECT_EQ(*result.total_params, row.params);
  }
  if (row.macs >= 0) {
    ASSERT_TRUE(result.total_macs.has_value());
    EXPECT_EQ(*result.total_macs, row.macs);
  }
  if (!row.error.empty()) {
    for (const Diagnostic& d : result.diagnostics)
      if (d.severity == Severity::kError) EXPECT_FALSE(d.help.empty()) << d.message;
  }
}

}  // namespace dimsum::testing
