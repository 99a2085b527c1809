// The generic RNN layer and its cells (SimpleRNNCell, LSTMCell, GRUCell, StackedRNNCells or a
// list of cells), and tf.keras 1's CuDNNLSTM and CuDNNGRU. A cell maps one step's features to
// its units; a stack feeds each cell's units to the next.
#include <fmt/format.h>

#include "layers/checks.h"

namespace dimsum {

namespace {

struct CellShape {
  int64_t units = 0;
  size_t states = 1;  // state tensors: LSTMCell 2 (h and c), the others 1
  std::optional<int64_t> params;
  std::optional<int64_t> macs_per_step;
};

// One cell's weights for `features` inputs per step: each gate has a kernel, a recurrent kernel
// and one bias (two for GRUCell with reset_after, and for the CuDNN layers).
CellShape cell_shape(const LayerConfig& config, int64_t gates, size_t states, int64_t bias_sets,
                     int64_t features, Outcome& out) {
  CellShape cell;
  cell.units = config.integer("units");
  cell.states = states;
  if (!require_positive(out, "units", {cell.units})) return cell;
  if (!config.boolean("use_bias", true)) bias_sets = 0;
  auto per_gate = sum({product({features, cell.units}), product({cell.units, cell.units}),
                       product({bias_sets, cell.units})});
  cell.params = maybe_product({per_gate, gates});
  cell.macs_per_step = maybe_product({sum({features, cell.units}), cell.units, gates});
  if (!cell.params) report_overflow(out, "parameter count");
  return cell;
}

// The cells of an RNN's "cell": one cell, a StackedRNNCells, or a list of cells.
std::vector<const json::Value*> cells_of(const json::Value& cell) {
  if (cell.is_array()) {
    std::vector<const json::Value*> cells;
    for (const json::Value& item : cell.items()) cells.push_back(&item);
    return cells;
  }
  const json::Value* class_name = cell.find("class_name");
  const json::Value* config = cell.find("config");
  if (class_name && class_name->text() == "StackedRNNCells" && config && config->find("cells") &&
      config->find("cells")->is_array())
    return cells_of(*config->find("cells"));
  return {&cell};
}

// Runs the cells in order on `features`; false (with a warning) on a cell dimsum does not know.
bool run_cells(const LayerConfig& rnn, const json::Value& cell_value, int64_t features,
               std::vector<CellShape>& cells, Outcome& out) {
  for (const json::Value* cell : cells_of(cell_value)) {
    const json::Value* class_name = cell->is_object() ? cell->find("class_name") : nullptr;
    const json::Value* config = cell->is_object() ? cell->find("config") : nullptr;
    if (!class_name || !class_name->is_string() || !config || !config->is_object())
      rnn.fail(cell,
               "'cell' must be a cell: an object with \"class_name\" and \"config\", or a "
               "list of them");
    LayerConfig cell_config(config, cell->offset);
    std::string_view name = class_name->text();
    if (name == "SimpleRNNCell") {
      cells.push_back(cell_shape(cell_config, 1, 1, 1, features, out));
    } else if (name == "LSTMCell") {
      cells.push_back(cell_shape(cell_config, 4, 2, 1, features, out));
    } else if (name == "GRUCell") {
      int64_t biases = cell_config.boolean("reset_after", false) ? 2 : 1;
      cells.push_back(cell_shape(cell_config, 3, 1, biases, features, out));
    } else {
      out.warning("DS0101", fmt::format("dimsum does not know the RNN cell class '{}'; the RNN's "
                                        "output is unknown",
                                        name));
      return false;
    }
    if (out.failed()) return false;
    features = cells.back().units;
  }
  return !cells.empty();
}

// The outputs of a recurrent layer over `in` (batch, time, features) whose cells are `cells`.
void recurrent_outputs(const LayerConfig& config, const Shape& in,
                       const std::vector<CellShape>& cells, Outcome& out) {
  Dim units(cells.back().units);
  Shape last({in[0], units});
  out.outputs = {config.boolean("return_sequences", false) ? Shape({in[0], in[1], units}) : last};
  if (config.boolean("return_state", false))
    for (const CellShape& cell : cells)
      for (size_t i = 0; i < cell.states; ++i)
        out.outputs.push_back(Shape({in[0], Dim(cell.units)}));
  out.params = 0;
  out.macs = 0;
  for (const CellShape& cell : cells) {
    out.params = sum({out.params, cell.params});
    out.macs = sum({out.macs, maybe_product({cell.macs_per_step, dims_product({in[1]})})});
  }
}

void rnn(const LayerCall& call, Outcome& out) {
  const json::Value* cell = call.config.raw("cell");
  if (!cell || cell->is_null()) call.config.fail(nullptr, "missing 'cell'");
  if (!require_rank(call, out, 3, "(batch, timesteps, features)")) return;
  const Shape& in = call.inputs[0];
  if (!require_known(call, out, in[2], "feature axis")) return;
  std::vector<CellShape> cells;
  if (!run_cells(call.config, *cell, in[2].value(), cells, out)) {
    out.params = out.non_trainable_params = out.macs = std::nullopt;
    return;
  }
  recurrent_outputs(call.config, in, cells, out);
}

// CuDNNLSTM and CuDNNGRU keep two biases per gate (cuDNN's input and recurrent biases).
template <int64_t kGates, size_t kStates>
void cudnn_recurrent(const LayerCall& call, Outcome& out) {
  if (!require_rank(call, out, 3, "(batch, timesteps, features)")) return;
  const Shape& in = call.inputs[0];
  if (!require_known(call, out, in[2], "feature axis")) return;
  std::vector<CellShape> cells{cell_shape(call.config, kGates, kStates, 2, in[2].value(), out)};
  if (out.failed()) return;
  recurrent_outputs(call.config, in, cells, out);
}

}  // namespace

void register_rnn_cell_layers(LayerRegistry& registry) {
  registry.add("RNN", rnn);
  registry.add("CuDNNLSTM", cudnn_recurrent<4, 2>);
  registry.add("CuDNNGRU", cudnn_recurrent<3, 1>);
}

}  // namespace dimsum
