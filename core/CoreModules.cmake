# The core modules and the one-way order between them: the one statement of which module may
# use which. core/CMakeLists.txt links each module's library to the modules it lists here, and
# the core_module_includes test (CheckModuleIncludes.cmake) fails when a module includes a
# header of a module that is not below it. Plain data plus a function, so `cmake -P` reads it too.
#
#   io  <-  model  <-  layers / exec / data  <-  profile  <-  hw  <-  sweep / passes  <-  ops  <-  cluster
#
# Modules side by side (layers, exec, data; sweep, passes) must not include each other.

# Lowest first.
set(FOLDWISE_CORE_MODULES io model layers exec data profile hw sweep passes ops cluster)

# The modules each one builds on directly; everything below those is allowed too.
set(FOLDWISE_CORE_DEPS_io)                       # file I/O, JSON reading, CSV text, ModelError
set(FOLDWISE_CORE_DEPS_model io)                 # the ONNX model, tensors, fusion metadata
set(FOLDWISE_CORE_DEPS_layers model)             # per-layer figures, the inspect report
set(FOLDWISE_CORE_DEPS_exec model)               # the executor and its kernels
set(FOLDWISE_CORE_DEPS_data model)               # calibration data sources
set(FOLDWISE_CORE_DEPS_profile layers exec data) # activation profiles, accuracy runs
set(FOLDWISE_CORE_DEPS_hw profile)               # hardware models (FINN, fpgaConvNet, hls4ml)
set(FOLDWISE_CORE_DEPS_sweep hw)                 # ReLU-threshold sweeps
set(FOLDWISE_CORE_DEPS_passes hw)                # model passes
set(FOLDWISE_CORE_DEPS_ops sweep passes)         # operations built on passes, sweeps and hardware
set(FOLDWISE_CORE_DEPS_cluster ops)              # operations run as Slurm jobs

# Sets `out` to every module `module` may include: itself and all modules below it.
function(foldwise_core_module_allowed module out)
  set(allowed ${module})
  set(pending ${FOLDWISE_CORE_DEPS_${module}})
  while(pending)
    list(POP_FRONT pending next)
    if(NOT next IN_LIST allowed)
      list(APPEND allowed ${next})
      list(APPEND pending ${FOLDWISE_CORE_DEPS_${next}})
    endif()
  endwhile()
  set(${out} ${allowed} PARENT_SCOPE)
endfunction()
