// (being written)
#include "python/libraries/applications/families.h"

namespace dimsum::python::applications {

std::vector<Application> xception_applications() { return {}; }

}  // namespace dimsum::python::applications
