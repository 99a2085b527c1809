// The tf.keras 2 config of keras.applications.VGG16 (include_top=True, 224x224x3), written
// layer by layer as model.to_json() writes it: the benchmark's realistic model.
#pragma once

#include <string>

namespace dimsum::bench {

std::string vgg16_config();

}  // namespace dimsum::bench
