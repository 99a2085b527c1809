// Writes the VGG16 config for the command-line timing (bench/run.sh).
#include <iostream>

#include "vgg16.h"

int main() { std::cout << dimsum::bench::vgg16_config() << "\n"; }
