// SPDX-License-Identifier: MIT
// `genoveil release`: differentially private genotype-class counts for a public site list
// (privacy.md 4-8). Add/remove-one-individual privacy; discrete Gaussian noise (zCDP) or
// discrete Laplace (pure epsilon) on every cell of every site's histogram; budget ledger.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "genoveil/crypto/key.hpp"
#include "genoveil/privacy/random.hpp"

namespace genoveil::release {

struct ReleaseOptions {
    std::string input = "-";
    std::string output = "-";
    char output_type = 0;   ///< 'v' 'z' 'b' 'u'; 0 = from the output name
    int level = -1;
    int threads = 1;
    std::string write_index;  ///< "", "csi", "tbi"
    std::string sites;        ///< public site list (VCF/BCF or TSV)
    bool sites_from_input = false;
    std::string mechanism = "gaussian";  ///< gaussian | laplace
    std::string rho;          ///< exact decimal; default 0.25 when neither rho nor epsilon is given
    std::string epsilon, delta;
    std::string budget_cap = "1";
    std::string ledger;
    std::string groups;       ///< TSV sample<TAB>group
    std::string absent = "missing";  ///< rule for listed sites absent from the input: missing | homref
    /// Contigs whose histograms have haploid cells; elsewhere a haploid call counts as missing.
    std::vector<std::string> haploid_contigs{"X", "Y", "MT", "M", "chrX", "chrY", "chrM", "chrMT"};
    std::optional<std::uint64_t> seed;   ///< tests only: deterministic, NOT PRIVATE
    bool raw = false;         ///< also publish the noisy cells before post-processing (INFO NOISY)
    std::string report;
    bool no_version = false;
    bool progress = false;
    std::string command_args;
    /// Tests only: replaces the noise source (e.g. one that fails).
    std::function<std::unique_ptr<privacy::ByteSource>(const crypto::SecretKey&, const std::string&)> noise_factory;
};

/// Run a release. Writes the output atomically and appends the ledger (unless the request is a
/// repeat of an earlier one, which is answered with the same bytes at no charge). A request
/// over the budget cap is refused (io... input_error exit 1) before anything is written.
nlohmann::json run_release(const ReleaseOptions& options);

/// --predict N: the noise a release would use and the expected standard error of AF for a
/// planning cohort of N individuals; reads the site list only, spends nothing.
[[nodiscard]] std::string predict_release(const ReleaseOptions& options, std::uint64_t planning_n);

}  // namespace genoveil::release
