// Noise and regularisation layers: they change values during training, never shapes.
// GaussianNoise, GaussianDropout, AlphaDropout and ActivityRegularization take any input; the
// spatial dropouts drop whole feature maps, so they need the rank of their Conv counterpart.
#include "layers/checks.h"
#include "layers/spatial.h"

namespace dimsum {

namespace {

void keep_shape(const LayerCall& call, Outcome& out) { out.outputs = {call.inputs[0]}; }

template <size_t N>
void spatial_dropout(const LayerCall& call, Outcome& out) {
  SpatialLayout layout{N, N == 1 ? false : call.config.channels_first()};
  if (!require_rank(call, out, layout.rank(), layout.layout_text())) return;
  keep_shape(call, out);
}

}  // namespace

void register_regularization_layers(LayerRegistry& registry) {
  for (const char* name :
       {"GaussianNoise", "GaussianDropout", "AlphaDropout", "ActivityRegularization"})
    registry.add(name, keep_shape);
  registry.add("SpatialDropout1D", spatial_dropout<1>);
  registry.add("SpatialDropout2D", spatial_dropout<2>);
  registry.add("SpatialDropout3D", spatial_dropout<3>);
}

}  // namespace dimsum
