#pragma once

// ModelError lives in the foundation module (io/ModelError.h) because the file helpers below
// model throw it too; model code and its users keep including it under this name.
#include "io/ModelError.h"
