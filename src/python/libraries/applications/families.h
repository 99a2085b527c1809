// The keras.applications functions of each family, one file each (vgg.cc, resnet.cc, ...).
#pragma once

#include <vector>

#include "python/libraries/applications/builder.h"

namespace dimsum::python::applications {

// The parameters most applications take, in this order (VGG16, ResNet50, EfficientNetB0, ...).
extern const std::vector<std::string_view> kCommonParameters;

std::vector<Application> vgg_applications();
std::vector<Application> resnet_applications();
std::vector<Application> inception_applications();  // InceptionV3, InceptionResNetV2
std::vector<Application> xception_applications();
std::vector<Application> mobilenet_applications();  // MobileNet, MobileNetV2, MobileNetV3
std::vector<Application> densenet_applications();
std::vector<Application> nasnet_applications();
std::vector<Application> efficientnet_applications();  // EfficientNet V1 and V2
std::vector<Application> convnext_applications();
std::vector<Application> regnet_applications();

}  // namespace dimsum::python::applications
