// Generated models for the scaling benchmarks: functional graphs of residual blocks (two Dense
// layers and an Add per block), the shape of a deep residual network without its arithmetic
// weight, and small Sequential configs for the many-files path.
#pragma once

#include <string>

namespace dimsum::bench {

// A tf.keras 2 Functional config of about `layers` layers: blocks of Dense, Dense, Add.
std::string residual_graph_config(int layers);

// A small tf.keras 2 Sequential config (Conv2D, pooling, Dense); `variant` varies its sizes.
std::string small_config(int variant);

// Python source of about `lines` lines: constants, a helper that adds a block of layers, and
// functional models of convolution blocks, each fed NumPy data.
std::string python_source(int lines);

}  // namespace dimsum::bench
