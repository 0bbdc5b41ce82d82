// SPDX-License-Identifier: MIT
#include "genoveil/vcf/genotype_tags.hpp"

#include <algorithm>
#include <limits>

#include "genoveil/core/error.hpp"

namespace genoveil::vcf {

namespace {

template <class T>
void count_typed(const bcf_fmt_t* fmt, int n_sample, int n_allele, T vector_end, AlleleCounts& c, bool& bad) {
    const auto* p = reinterpret_cast<const T*>(fmt->p);
    for (int s = 0; s < n_sample; ++s) {
        const T* g = p + static_cast<std::ptrdiff_t>(s) * fmt->n;
        bool called = false;
        for (int j = 0; j < fmt->n; ++j) {
            if (g[j] == vector_end) break;
            if (bcf_gt_is_missing(g[j])) continue;
            const int a = bcf_gt_allele(g[j]);
            if (a < 0 || a >= n_allele) {
                bad = true;
                return;
            }
            ++c.ac[static_cast<std::size_t>(a)];
            ++c.an;
            called = true;
        }
        if (called) ++c.ns;
    }
}

}  // namespace

void count_alleles(const GenotypeConfig& cfg, bcf1_t* rec, std::uint64_t record, AlleleCounts& c) {
    c.ac.assign(static_cast<std::size_t>(std::max(rec->n_allele, 1u)), 0);
    c.an = 0;
    c.ns = 0;
    if (cfg.gt_id < 0 || rec->n_sample == 0) return;
    if (bcf_unpack(rec, BCF_UN_FMT) < 0) throw input_error(cfg.file, record, "FORMAT", "cannot be decoded");
    const bcf_fmt_t* fmt = bcf_get_fmt_id(rec, cfg.gt_id);
    if (fmt == nullptr || fmt->p == nullptr) return;
    bool bad = false;
    const int ns = static_cast<int>(rec->n_sample), na = static_cast<int>(rec->n_allele);
    switch (fmt->type) {
        case BCF_BT_INT8: count_typed<std::int8_t>(fmt, ns, na, bcf_int8_vector_end, c, bad); break;
        case BCF_BT_INT16: count_typed<std::int16_t>(fmt, ns, na, bcf_int16_vector_end, c, bad); break;
        case BCF_BT_INT32: count_typed<std::int32_t>(fmt, ns, na, bcf_int32_vector_end, c, bad); break;
        default: throw input_error(cfg.file, record, "FORMAT/GT", "not an integer genotype");
    }
    if (bad) throw input_error(cfg.file, record, "FORMAT/GT", "allele index is not one of the record's alleles");
}

std::int64_t minor_allele_count(const AlleleCounts& c) {
    std::int64_t smallest = std::numeric_limits<std::int64_t>::max();
    int observed = 0;
    for (auto n : c.ac) {
        if (n > 0) {
            ++observed;
            smallest = std::min<std::int64_t>(smallest, n);
        }
    }
    return observed >= 2 ? smallest : 0;
}

bool process_genotypes(const GenotypeConfig& cfg, bcf1_t* rec, std::uint64_t record, AlleleCounts& c,
                       Counters& counters) {
    if (cfg.gt_id < 0) {
        if (cfg.min_mac > 0) {  // no genotypes: nothing observed
            ++counters.removed_min_mac;
            return false;
        }
    } else {
        count_alleles(cfg, rec, record, c);
        if (cfg.min_mac > 0 && minor_allele_count(c) < cfg.min_mac) {
            ++counters.removed_min_mac;
            return false;
        }
    }
    const bool fill = cfg.fill_ac || cfg.fill_an || cfg.fill_af || cfg.fill_ns;
    if (fill) {
        if (cfg.gt_id < 0) {
            c.ac.assign(static_cast<std::size_t>(std::max(rec->n_allele, 1u)), 0);
            c.an = 0;
            c.ns = 0;
        }
        const int n_alt = static_cast<int>(rec->n_allele) - 1;
        bool ok = true;
        if (cfg.fill_an) ok &= bcf_update_info_int32(cfg.parse, rec, "AN", &c.an, 1) == 0;
        if (cfg.fill_ac && n_alt > 0) ok &= bcf_update_info_int32(cfg.parse, rec, "AC", c.ac.data() + 1, n_alt) == 0;
        if (cfg.fill_af && n_alt > 0) {
            std::vector<float> af(static_cast<std::size_t>(n_alt));
            for (int i = 0; i < n_alt; ++i) {
                if (c.an > 0)
                    af[static_cast<std::size_t>(i)] = static_cast<float>(c.ac[static_cast<std::size_t>(i) + 1]) / static_cast<float>(c.an);
                else
                    bcf_float_set_missing(af[static_cast<std::size_t>(i)]);
            }
            ok &= bcf_update_info_float(cfg.parse, rec, "AF", af.data(), n_alt) == 0;
        }
        if (cfg.fill_ns) ok &= bcf_update_info_int32(cfg.parse, rec, "NS", &c.ns, 1) == 0;
        if (!ok) throw internal_error("cannot write a filled INFO tag");
        ++counters.records_tags_filled;
    }
    if (cfg.strip_samples && bcf_subset(cfg.out, rec, 0, nullptr) < 0)
        throw internal_error("cannot drop genotypes from a record");
    return true;
}

}  // namespace genoveil::vcf
