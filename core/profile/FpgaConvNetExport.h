#pragma once

#include "model/EnumNames.h"
#include "model/Model.h"
#include "profile/ActivationProfile.h"

#include <filesystem>
#include <string>

namespace foldwise {

// Exports for fpgaConvNet and the ReLU-threshold scripts around it (domain reference, sections
// 1 "Sparse convolution" and 2).

// The sparsity log `<arch>_sparsity_log.csv`: header
//   Layer Name,Layer Type,KERNEL*KERNEL,Avg Zeros,Avg Sparsity,Avg Window Sparsity
// and one row per profiled convolution, in graph order:
//   Layer Name           the Conv node's name
//   Layer Type           its op type ("Conv")
//   KERNEL*KERNEL        K = kh * kw
//   Avg Zeros            mean zeros per K-window over all input channels and visited windows
//                        (padding counts as zero), = meanZerosPerWindow
//   Avg Sparsity         Avg Zeros / K, = meanWindowSparsity; what the network sparsity averages
//   Avg Window Sparsity  fraction of the windows that are all zero (the histogram's last bin),
//                        = allZeroWindowFraction
// (as the ReLU-threshold scripts write them: Yu-Zhewen/fpgaconvnet-torch, sparsity_utils.py).
// Numbers are written in the shortest form that reads back to the same double.
std::string sparsityLogCsv(const ActivationProfile& profile);
// Writes sparsityLogCsv atomically; throws ModelError on I/O errors.
void writeSparsityLogCsv(const std::filesystem::path& file, const ActivationProfile& profile);

enum class AnnotationStyle {
    // fpgaConvNet's form: each profiled Conv gets a FLOATS attribute `channel_sparsity_hist`
    // (C_in x (K + 1) flattened, each row the channel's normalised window histogram). So that
    // ONNX's checker and onnxruntime still accept the model, the Conv becomes a call of a local
    // function wrapping the standard Conv (profile/AnnotatedConv.h); its op_type stays "Conv".
    FpgaConvNet,
    // The same rows in the model's metadata_props, key `channel_sparsity_hist:<conv node name>`,
    // value a JSON array of C_in rows; every ONNX runtime loads this model.
    Metadata,
};
template <>
inline constexpr std::array enumNames<AnnotationStyle> = {std::pair{AnnotationStyle::FpgaConvNet, "fpgaconvnet"},
                                                          std::pair{AnnotationStyle::Metadata, "metadata"}};

// A copy of model.proto() annotated with the profile: the profile's thresholds applied
// (each listed Relu becomes ThresholdedRelu(alpha = t)), every node named as Foldwise names it,
// and each profiled Conv's window histogram attached in `style`. Written atomically. Throws
// ModelError when the model is not the profiled one (SHA-256 differs), when the profile counted
// no windows, when a profiled Conv is missing from the model, and for models with external
// data written to another folder (their relative data paths would break).
void writeAnnotatedModel(const Model& model, const ActivationProfile& profile, const std::filesystem::path& out,
                         AnnotationStyle style = AnnotationStyle::FpgaConvNet);

} // namespace foldwise
