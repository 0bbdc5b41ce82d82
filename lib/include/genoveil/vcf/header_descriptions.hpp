// SPDX-License-Identifier: MIT
// Descriptions for the FILTER, ALT, INFO and FORMAT definitions that genoveil keeps. An input's
// Description is free text that pipelines fill with sample names, paths and notes, so it is
// never copied: keys reserved by the VCF specification get a fixed description of their
// meaning, every other key a fixed sentence saying the description was removed.
#pragma once

#include <string>
#include <string_view>

namespace genoveil::vcf {

enum class DefinitionKind { filter, alt, info, format };

/// The Description value (quoted, as it appears in the header) for a kept definition.
[[nodiscard]] std::string kept_description(DefinitionKind kind, std::string_view id);

}  // namespace genoveil::vcf
