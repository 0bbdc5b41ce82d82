// SPDX-License-Identifier: MIT
// Orchestration of `genoveil release`:
//   site list -> noise plan (fixed before any genotype is read) -> ledger lock and early budget
//   check -> counting pass (TBB pipeline) -> repeat/charge decision -> noise -> post-processing
//   -> output (temporary) -> ledger append -> commit.
#include "genoveil/release/release.hpp"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <set>

#include <oneapi/tbb/enumerable_thread_specific.h>
#include <openssl/evp.h>

#include "genoveil/core/error.hpp"
#include "genoveil/core/json_file.hpp"
#include "genoveil/core/output_file.hpp"
#include "genoveil/core/progress.hpp"
#include "genoveil/core/version.hpp"
#include "genoveil/crypto/pseudonym.hpp"
#include "genoveil/hts/hts_ptr.hpp"
#include "genoveil/pipeline/pipeline.hpp"
#include "genoveil/privacy/accounting.hpp"
#include "genoveil/privacy/rational.hpp"
#include "genoveil/privacy/samplers.hpp"
#include "genoveil/release/cohort_counter.hpp"
#include "genoveil/release/groups.hpp"
#include "genoveil/release/ledger.hpp"
#include "genoveil/release/noise_source.hpp"
#include "genoveil/release/postprocess.hpp"
#include "genoveil/release/site_list.hpp"
#include "genoveil/vcf/deidentify.hpp"
#include "genoveil/vcf/vcf_source.hpp"

namespace genoveil::release {

namespace {

using privacy::Rational;

struct NoisePlan {
    bool gaussian = true;
    std::uint64_t sites = 0;
    std::uint64_t sigma2 = 0;              // gaussian
    std::uint64_t t_num = 0, t_den = 1;    // laplace scale
    Rational rho_used;
    double rho_up = 0;                     // rho_used rounded up, for the ledger
    double epsilon = 0, delta = 0;         // reported guarantee
};

/// x rounded up to 6 significant digits, as text: reported guarantees never look better than
/// they are.
std::string fmt_up(double x) {
    if (x == 0 || !std::isfinite(x)) return x == 0 ? "0" : "inf";
    const int exp10 = static_cast<int>(std::floor(std::log10(std::fabs(x))));
    const double scale = std::pow(10.0, 5 - exp10);
    // x is already an upper bound; a product that is an integer up to rounding stays that integer.
    const double v = x * scale, r = std::round(v);
    const double up = (std::fabs(v - r) <= 1e-9 * std::fabs(v) ? r : std::ceil(v)) / scale;
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.6g", up);
    return buf;
}

NoisePlan make_plan(const ReleaseOptions& o, std::uint64_t m) {
    NoisePlan p;
    p.sites = m;
    if (o.mechanism == "laplace") {
        if (o.epsilon.empty() || !o.rho.empty() || !o.delta.empty())
            throw usage_error("--mechanism laplace takes --epsilon only (pure epsilon-DP, delta = 0)");
        const auto lp = privacy::plan_laplace(m, privacy::parse_decimal(o.epsilon, "--epsilon"));
        p.gaussian = false;
        p.t_num = lp.scale_num;
        p.t_den = lp.scale_den;
        p.rho_used = lp.rho_used;
        p.rho_up = privacy::to_double_up(lp.rho_used);
        p.epsilon = privacy::to_double_up(lp.epsilon_used);
        p.delta = 0;
        return p;
    }
    if (o.mechanism != "gaussian") throw usage_error("--mechanism must be gaussian or laplace");
    privacy::GaussianPlan gp;
    if (!o.epsilon.empty()) {
        if (!o.rho.empty()) throw usage_error("give --rho or --epsilon/--delta, not both");
        if (o.delta.empty()) throw usage_error("--epsilon needs --delta with the Gaussian mechanism");
        gp = privacy::plan_gaussian_for_epsilon_delta(m, privacy::parse_decimal(o.epsilon, "--epsilon"),
                                                      privacy::parse_decimal(o.delta, "--delta"));
    } else {
        gp = privacy::plan_gaussian(m, privacy::parse_decimal(o.rho.empty() ? "0.25" : o.rho, "--rho"));
    }
    p.sigma2 = gp.sigma2;
    p.rho_used = gp.rho_used;
    p.rho_up = privacy::to_double_up(gp.rho_used);
    const Rational d = privacy::parse_decimal(o.delta.empty() ? "1e-9" : o.delta, "--delta");
    p.delta = privacy::to_double_down(d);
    p.epsilon = privacy::cdp_epsilon(p.rho_up, p.delta);
    return p;
}

std::string mechanism_line(const NoisePlan& p) {
    if (p.gaussian)
        return "##genoveil_releaseMechanism=<Mechanism=discrete_gaussian,relation=add_remove,rho=" + fmt_up(p.rho_up) +
               ",rho_exact=" + privacy::to_string(p.rho_used) + ",sigma2=" + std::to_string(p.sigma2) +
               ",epsilon=" + fmt_up(p.epsilon) + ",delta=" + fmt_up(p.delta) + ",sites=" + std::to_string(p.sites) + ">";
    return "##genoveil_releaseMechanism=<Mechanism=discrete_laplace,relation=add_remove,scale=" + std::to_string(p.t_num) +
           "/" + std::to_string(p.t_den) + ",epsilon=" + fmt_up(p.epsilon) + ",delta=0,rho=" + fmt_up(p.rho_up) +
           ",sites=" + std::to_string(p.sites) + ">";
}

std::string now_utc() {
    const std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

constexpr std::size_t batch_records = 512;
constexpr std::size_t batch_bytes = 1 << 20;

struct Batch : vcf::RawBatch {
    std::vector<SiteCounts> counts;
    std::vector<char> found;
};

struct Counted {
    std::vector<std::vector<std::int64_t>> cells;  // per site; empty when absent from the input
    std::string input_digest;
    std::uint64_t records = 0;
    std::uint64_t found = 0;
};

Counted count_input(const ReleaseOptions& o, vcf::VcfSource& src, const CohortCounter& counter, const SiteList& sites) {
    Counted c;
    c.cells.resize(sites.size());
    const bool bcf_in = src.is_bcf();
    const bcf_hdr_t* hdr = src.header();
    oneapi::tbb::enumerable_thread_specific<CountScratch> scratch;
    EVP_MD_CTX* md = EVP_MD_CTX_new();
    if (md == nullptr || EVP_DigestInit_ex(md, EVP_sha256(), nullptr) != 1) {
        EVP_MD_CTX_free(md);
        throw crypto_error("OpenSSL: SHA-256 unavailable");
    }
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> md_owner(md, EVP_MD_CTX_free);
    core::Progress progress(o.progress, "genoveil release");

    pipeline::Stages<Batch> st;
    st.fill = [&](Batch& b) {
        if (!src.fill(b, batch_records, batch_bytes)) return false;
        if (b.counts.size() < b.n) b.counts.resize(b.n);
        return true;
    };
    st.transform = [&](Batch& b) {
        CountScratch& s = scratch.local();
        b.found.assign(b.n, 0);
        for (std::size_t i = 0; i < b.n; ++i) {
            kstring_t* line = b.lines[i].get();
            if (bcf_in) {
                line->l = 0;
                if (vcf_format(hdr, b.in_recs[i].get(), line) < 0)
                    throw input_error(src.name(), b.first_record + i, "", "record cannot be decoded");
                if (line->l && line->s[line->l - 1] == '\n') line->s[--line->l] = '\0';
            }
            b.found[i] = counter.count(std::string_view(line->s, line->l), b.first_record + i, b.counts[i], s) ? 1 : 0;
        }
    };
    st.drain = [&](Batch& b) {
        for (std::size_t i = 0; i < b.n; ++i) {
            const kstring_t* line = b.lines[i].get();
            if (EVP_DigestUpdate(md, line->s, line->l) != 1 || EVP_DigestUpdate(md, "\n", 1) != 1)
                throw crypto_error("OpenSSL: SHA-256 failed");
            if (!b.found[i]) continue;
            auto& slot = c.cells[static_cast<std::size_t>(b.counts[i].site)];
            // A person counted twice at one site would break the sensitivity bound.
            if (!slot.empty()) throw input_error(src.name(), b.first_record + i, "", "a listed site appears twice in the input");
            slot = b.counts[i].cells;
            ++c.found;
        }
        c.records += b.n;
        progress.update(c.records);
    };
    pipeline::run<Batch>(pipeline::Settings{o.threads, 0}, [] { return std::make_unique<Batch>(); }, st);
    progress.finish();
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    if (EVP_DigestFinal_ex(md, digest, &len) != 1) throw crypto_error("OpenSSL: SHA-256 failed");
    static constexpr char hex[] = "0123456789abcdef";
    c.input_digest = "sha256:";
    for (unsigned i = 0; i < len; ++i) {
        c.input_digest += hex[digest[i] >> 4];
        c.input_digest += hex[digest[i] & 15];
    }
    return c;
}

std::string join(const std::vector<std::int64_t>& v) {
    std::string s;
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (i) s += ',';
        s += std::to_string(v[i]);
    }
    return s;
}

}  // namespace

std::string predict_release(const ReleaseOptions& o, std::uint64_t planning_n) {
    if (o.sites.empty() && !o.sites_from_input) throw usage_error("--predict needs --sites (or --sites-from-input)");
    const SiteList sites = o.sites_from_input ? SiteList::from_input(o.input) : SiteList::read(o.sites);
    const NoisePlan p = make_plan(o, sites.size());
    std::string out = "sites\t" + std::to_string(p.sites) + "\n";
    out += "mechanism\t" + std::string(p.gaussian ? "discrete_gaussian" : "discrete_laplace") + "\n";
    out += "rho\t" + fmt_up(p.rho_up) + "\n";
    out += "epsilon\t" + fmt_up(p.epsilon) + "\ndelta\t" + fmt_up(p.delta) + "\n";
    double var = 0;
    if (p.gaussian) {
        out += "sigma2\t" + std::to_string(p.sigma2) + "\n";
        var = static_cast<double>(p.sigma2);
    } else {
        const double t = static_cast<double>(p.t_num) / static_cast<double>(p.t_den);
        const double a = std::exp(-1.0 / t);
        var = 2 * a / ((1 - a) * (1 - a));
        out += "scale\t" + std::to_string(p.t_num) + "/" + std::to_string(p.t_den) + "\n";
    }
    // SD(AC) = sqrt(5 var) for a biallelic histogram (privacy.md 4.2), AN = 2n.
    const double sd_af = std::sqrt(5 * var) / (2.0 * static_cast<double>(planning_n));
    char buf[128];
    std::snprintf(buf, sizeof buf, "expected SE of AF at n=%llu\t%.3g\n", static_cast<unsigned long long>(planning_n), sd_af);
    return out + buf;
}

nlohmann::json run_release(const ReleaseOptions& o) {
    if (o.ledger.empty()) throw usage_error("--ledger is required: every release is accounted");
    if (o.sites.empty() == !o.sites_from_input)
        throw usage_error(o.sites.empty() ? "--sites is required (a public site list); --sites-from-input does not protect site presence"
                                          : "give --sites or --sites-from-input, not both");
    if (o.absent != "missing" && o.absent != "homref") throw usage_error("--absent must be missing or homref");
    if (o.threads < 1 || o.threads > 1024) throw usage_error("--threads must be between 1 and 1024");
    const char type = o.output_type ? o.output_type : vcf::infer_output_type(o.output);
    if (!o.write_index.empty() && (core::is_stdio(o.output) || (type != 'z' && type != 'b')))
        throw usage_error("-W needs a compressed output file (-Oz or -Ob)");
    if (o.write_index == "tbi" && type != 'z') throw usage_error("--write-index=tbi needs -Oz; BCF is indexed with csi");
    if (o.sites_from_input && core::is_stdio(o.input)) throw usage_error("--sites-from-input reads the input twice; give a file");
    core::install_signal_cleanup();

    SiteList sites = o.sites_from_input ? SiteList::from_input(o.input) : SiteList::read(o.sites);
    if (sites.size() == 0)
        throw input_error(o.sites_from_input ? o.input : o.sites, 0, "", o.sites_from_input ? "no records: no site to release" : "the site list is empty");
    sites.mark_haploid(o.haploid_contigs);
    if (!o.write_index.empty()) {  // an index needs the records sorted: say so before counting
        std::set<std::string> done;
        for (std::size_t i = 1; i < sites.size(); ++i) {
            const Site &a = sites.sites()[i - 1], &b = sites.sites()[i];
            if (a.chrom != b.chrom) {
                done.insert(a.chrom);
                if (done.count(b.chrom)) throw usage_error("-W needs a site list sorted by contig and position");
            } else if (b.pos < a.pos) {
                throw usage_error("-W needs a site list sorted by contig and position");
            }
        }
    }
    std::vector<std::string> haploid_used;
    for (const auto& c : sites.contigs())
        if (std::find(o.haploid_contigs.begin(), o.haploid_contigs.end(), c) != o.haploid_contigs.end()) haploid_used.push_back(c);
    const NoisePlan plan = make_plan(o, sites.size());  // fixed before any genotype is read
    const Rational cap = privacy::parse_decimal(o.budget_cap, "--budget-cap");

    std::unique_ptr<core::OutputFile> out_file, idx_file, report_file;
    // Standard output gets the bytes only after the ledger has charged the release: until then
    // they wait in a private temporary file.
    const bool to_stdout = core::is_stdio(o.output);
    if (to_stdout) {
        const char* tmpdir = std::getenv("TMPDIR");
        out_file = std::make_unique<core::OutputFile>(std::string(tmpdir && *tmpdir ? tmpdir : "/tmp") + "/genoveil-release.vcf",
                                                      core::Clobber::allow, 0600);
    } else {
        out_file = std::make_unique<core::OutputFile>(o.output, core::Clobber::allow);
    }
    if (!o.write_index.empty()) idx_file = std::make_unique<core::OutputFile>(o.output + "." + o.write_index, core::Clobber::allow);
    // The report holds exact cohort figures: steward only.
    if (!o.report.empty()) report_file = std::make_unique<core::OutputFile>(o.report, core::Clobber::allow, 0600);

    Ledger ledger(o.ledger);
    hts::ThreadPool pool(o.threads);
    vcf::VcfSource src(o.input, pool, nullptr);
    std::vector<std::string> samples;
    for (int i = 0; i < bcf_hdr_nsamples(src.header()); ++i) samples.emplace_back(src.header()->samples[i]);
    const Groups groups = read_groups(o.groups, samples);
    std::vector<std::string> counted;
    for (std::size_t j = 0; j < samples.size(); ++j)
        if (groups.of_sample[j] >= 0) counted.push_back(samples[j]);
    std::sort(counted.begin(), counted.end());
    std::string joined;
    for (const auto& s : counted) joined += s + "\n";
    const std::string dataset = ledger.keyed_digest(joined);

    nlohmann::json request{{"dataset", dataset},
                           {"sites", sites.digest()},
                           {"sites_from_input", o.sites_from_input},
                           {"absent", o.absent},
                           {"groups", groups.digest},
                           {"haploid_contigs", haploid_used},
                           {"mechanism", plan.gaussian ? "discrete_gaussian" : "discrete_laplace"},
                           {"noise", plan.gaussian ? std::to_string(plan.sigma2)
                                                   : std::to_string(plan.t_num) + "/" + std::to_string(plan.t_den)},
                           {"test_seed", o.seed ? nlohmann::json(*o.seed) : nlohmann::json(nullptr)}};
    const std::string plan_digest = "sha256:" + crypto::sha256_hex(request.dump());
    const double cap_up = privacy::to_double_down(cap);
    const double spent = ledger.spent();
    const bool fits = ledger.fits(plan.rho_used, cap);
    // The refusal depends only on public parameters and the ledger, never on the data.
    if (!ledger.has_plan(plan_digest) && !fits)
        throw input_error(o.ledger, 0, "", "budget exceeded: spent rho " + fmt_up(spent) + " + " + fmt_up(plan.rho_up) +
                                               " > cap " + o.budget_cap + "; nothing was released");

    const CohortCounter counter(sites, groups.of_sample, static_cast<int>(groups.names.size()), src.name());
    Counted data = count_input(o, src, counter, sites);
    request["input"] = data.input_digest;
    const std::string request_digest = "sha256:" + crypto::sha256_hex(request.dump());
    const auto repeat = ledger.find_request(request_digest);
    if (!repeat && !fits)
        throw input_error(o.ledger, 0, "", "budget exceeded: spent rho " + fmt_up(spent) + " + " + fmt_up(plan.rho_up) +
                                               " > cap " + o.budget_cap + "; nothing was released");

    // Noise, in a fixed order: site, group, cell.
    std::unique_ptr<privacy::ByteSource> source;
    if (o.noise_factory) {
        source = o.noise_factory(ledger.seed(), request_digest);
    } else if (o.seed) {
        crypto::SecretKey k;
        const std::string h = crypto::sha256_hex("genoveil-test-seed:" + std::to_string(*o.seed));
        for (std::size_t i = 0; i < k.size(); ++i) k.data()[i] = static_cast<std::uint8_t>(std::stoi(h.substr(2 * i, 2), nullptr, 16));
        // Test noise must not depend on the ledger (whose seed keys the dataset fingerprint).
        nlohmann::json open_request = request;
        open_request.erase("dataset");
        source = std::make_unique<KeyedStreamSource>(k, open_request.dump());
    } else {
        source = std::make_unique<KeyedStreamSource>(ledger.seed(), request_digest);
    }
    privacy::RandomBits rng(*source);
    const std::size_t n_groups = groups.names.size();
    std::unique_ptr<privacy::DiscreteGaussian> dg;
    if (plan.gaussian) dg = std::make_unique<privacy::DiscreteGaussian>(plan.sigma2, 1);
    std::vector<std::vector<std::int64_t>> noisy(sites.size());
    std::vector<std::vector<std::int64_t>> totals(n_groups);
    for (std::size_t i = 0; i < sites.size(); ++i) {
        const ClassLayout layout{sites.sites()[i].n_allele, sites.sites()[i].haploid};
        const auto cells = static_cast<std::size_t>(layout.cells());
        auto& truth = data.cells[i];
        if (truth.empty()) {  // listed but absent from the input: the documented rule
            truth.assign(cells * n_groups, 0);
            const auto cell = static_cast<std::size_t>(o.absent == "homref" ? ClassLayout::diploid_index(0, 0) : layout.missing_index());
            for (std::size_t g = 0; g < n_groups; ++g) truth[g * cells + cell] = groups.size[g];
        }
        noisy[i].resize(truth.size());
        for (std::size_t g = 0; g < n_groups; ++g) {
            std::int64_t sum = 0;
            for (std::size_t c = 0; c < cells; ++c) {
                const std::int64_t z = plan.gaussian ? (*dg)(rng) : privacy::discrete_laplace(rng, plan.t_num, plan.t_den);
                noisy[i][g * cells + c] = truth[g * cells + c] + z;
                sum += noisy[i][g * cells + c];
            }
            totals[g].push_back(sum);
        }
        truth.clear();
        truth.shrink_to_fit();
    }
    std::vector<std::int64_t> n_hat(n_groups);
    for (std::size_t g = 0; g < n_groups; ++g) n_hat[g] = median(totals[g]);

    // Header.
    std::string text = "##fileformat=VCFv4.2\n";
    for (const auto& contig : sites.contigs()) {
        const int rid = bcf_hdr_name2id(src.header(), contig.c_str());
        const bcf_hrec_t* h = rid >= 0 ? bcf_hdr_get_hrec(src.header(), BCF_HL_CTG, "ID", contig.c_str(), nullptr) : nullptr;
        const int li = h ? bcf_hrec_find_key(const_cast<bcf_hrec_t*>(h), "length") : -1;
        text += "##contig=<ID=" + contig + (li >= 0 ? std::string(",length=") + h->vals[li] : std::string()) + ">\n";
    }
    std::vector<std::string> labels = groups.names;
    if (!labels.front().empty()) labels.insert(labels.begin(), std::string());  // totals over the groups
    for (const auto& g : labels) {
        const std::string sfx = g.empty() ? "" : "_" + g;
        const std::string in = g.empty() ? (labels.size() > 1 ? " (sum of the groups)" : "") : " in group " + g;
        text += "##INFO=<ID=N_HOMREF" + sfx + ",Number=1,Type=Integer,Description=\"Noisy count of homozygous reference individuals" + in + "\">\n";
        text += "##INFO=<ID=N_HET" + sfx + ",Number=1,Type=Integer,Description=\"Noisy count of heterozygous individuals" + in + "\">\n";
        text += "##INFO=<ID=N_HOMALT" + sfx + ",Number=1,Type=Integer,Description=\"Noisy count of homozygous non-reference individuals" + in + "\">\n";
        text += "##INFO=<ID=N_MISSING" + sfx + ",Number=1,Type=Integer,Description=\"Noisy count of individuals with a missing call" + in + "\">\n";
        text += "##INFO=<ID=N_GT" + sfx + ",Number=G,Type=Integer,Description=\"Multi-allelic sites: noisy count per diploid genotype, VCF G order" + in + "\">\n";
        text += "##INFO=<ID=N_HAP" + sfx + ",Number=R,Type=Integer,Description=\"Noisy count of haploid calls per allele" + in + "\">\n";
        text += "##INFO=<ID=AC" + sfx + ",Number=A,Type=Integer,Description=\"Allele count derived from the noisy counts" + in + "\">\n";
        text += "##INFO=<ID=AN" + sfx + ",Number=1,Type=Integer,Description=\"Allele number derived from the noisy counts" + in + "\">\n";
        text += "##INFO=<ID=AF" + sfx + ",Number=A,Type=Float,Description=\"Allele frequency derived from the noisy counts" + in + "\">\n";
        if (o.raw && !(g.empty() && labels.size() > 1))
            text += "##INFO=<ID=NOISY" + sfx + ",Number=.,Type=Integer,Description=\"Noisy cells before post-processing: diploid genotypes in G order, haploid alleles, missing" + in + "\">\n";
        text += "##INFO=<ID=nhomalt" + sfx + ",Number=A,Type=Integer,Description=\"Homozygous individuals per ALT allele, derived from the noisy counts" + in + "\">\n";
    }
    text += mechanism_line(plan) + "\n";
    text += "##genoveil_releaseSites=<list=" + sites.digest() + ",count=" + std::to_string(sites.size()) + ",absent=" + o.absent +
            ",presence=" + (o.sites_from_input ? "site presence not protected" : "protected (public list)") + ">\n";
    if (o.seed) text += "##genoveil_releaseNotice=NOT PRIVATE: deterministic test seed\n";
    if (!o.no_version) {
        text += "##genoveil_releaseVersion=" + version_tag() + "\n";
        text += "##genoveil_releaseCommand=release" + (o.command_args.empty() ? "" : " " + o.command_args) + "\n";
    }
    text += "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n";
    hts::HdrPtr hdr(bcf_hdr_init("r"));
    if (!hdr || bcf_hdr_parse(hdr.get(), text.data()) != 0) throw internal_error("cannot build the release header");

    const std::string out_name = core::is_stdio(o.output) ? std::string("<stdout>") : o.output;
    hts::FilePtr out(hts_open(out_file->temp_path().c_str(), vcf::write_mode(type, o.level).c_str()));
    if (!out) throw io_error(errno_message(out_name));
    errno = 0;
    if (bcf_hdr_write(out.get(), hdr.get()) < 0) throw io_error(write_failure(out_name) + " (writing the header)");
    hts::RecPtr rec(bcf_init());
    hts::KString line;
    for (std::size_t i = 0; i < sites.size(); ++i) {
        const Site& s = sites.sites()[i];
        const ClassLayout layout{s.n_allele, s.haploid};
        const auto cells = static_cast<std::size_t>(layout.cells());
        std::string info;
        std::vector<std::int64_t> all(cells, 0);
        auto add = [&](const std::string& sfx, const std::vector<std::int64_t>& h) {
            const Derived d = derive(h, layout);
            std::int64_t het = 0, homalt = 0;
            for (int hi = 1; hi < layout.n_allele; ++hi)
                for (int lo = 0; lo <= hi; ++lo)
                    (lo == hi ? homalt : het) += h[static_cast<std::size_t>(ClassLayout::diploid_index(lo, hi))];
            if (!info.empty()) info += ';';
            info += "N_HOMREF" + sfx + "=" + std::to_string(h[0]) + ";N_HET" + sfx + "=" + std::to_string(het) +
                    ";N_HOMALT" + sfx + "=" + std::to_string(homalt) + ";N_MISSING" + sfx + "=" +
                    std::to_string(h[static_cast<std::size_t>(layout.missing_index())]);
            if (layout.n_allele > 2)
                info += ";N_GT" + sfx + "=" + join(std::vector<std::int64_t>(h.begin(), h.begin() + layout.diploid()));
            const std::vector<std::int64_t> hap(h.begin() + layout.diploid(), h.begin() + layout.diploid() + layout.haploid_cells());
            if (std::any_of(hap.begin(), hap.end(), [](std::int64_t v) { return v > 0; })) info += ";N_HAP" + sfx + "=" + join(hap);
            if (layout.n_allele < 2) return;
            info += ";AC" + sfx + "=" + join(d.ac) + ";AN" + sfx + "=" + std::to_string(d.an) + ";AF" + sfx + "=";
            for (std::size_t a = 0; a < d.ac.size(); ++a) {
                char buf[32];
                if (d.an > 0) std::snprintf(buf, sizeof buf, "%.6g", static_cast<double>(d.ac[a]) / static_cast<double>(d.an));
                else std::snprintf(buf, sizeof buf, ".");
                if (a) info += ',';
                info += buf;
            }
            info += ";nhomalt" + sfx + "=" + join(d.nhomalt);
        };
        std::vector<std::vector<std::int64_t>> per_group;
        for (std::size_t g = 0; g < n_groups; ++g) {
            const std::vector<std::int64_t> v(noisy[i].begin() + static_cast<std::ptrdiff_t>(g * cells),
                                              noisy[i].begin() + static_cast<std::ptrdiff_t>((g + 1) * cells));
            per_group.push_back(project(v, n_hat[g]));
            for (std::size_t c = 0; c < cells; ++c) all[c] += per_group.back()[c];
        }
        if (n_groups > 1 || !groups.names[0].empty()) add("", all);
        for (std::size_t g = 0; g < n_groups; ++g) {
            const std::string sfx = groups.names[g].empty() ? "" : "_" + groups.names[g];
            add(sfx, per_group[g]);
            if (o.raw)
                info += ";NOISY" + sfx + "=" +
                        join(std::vector<std::int64_t>(noisy[i].begin() + static_cast<std::ptrdiff_t>(g * cells),
                                                       noisy[i].begin() + static_cast<std::ptrdiff_t>((g + 1) * cells)));
        }
        line.clear();
        const std::string rtext = s.chrom + "\t" + std::to_string(s.pos) + "\t.\t" + s.ref + "\t" + s.alt + "\t.\t.\t" + info;
        kputsn(rtext.data(), rtext.size(), line.get());
        if (vcf_parse(line.get(), hdr.get(), rec.get()) != 0 || rec->errcode)
            throw input_error(o.sites, i + 1, "", "listed site cannot be written (check its REF/ALT)");
        errno = 0;
        if (bcf_write(out.get(), hdr.get(), rec.get()) != 0) throw io_error(write_failure(out_name));
    }
    errno = 0;
    if (hts_close(out.release()) != 0) throw io_error(write_failure(out_name) + " (closing)");
    if (idx_file && bcf_index_build3(out_file->temp_path().c_str(), idx_file->temp_path().c_str(),
                                     o.write_index == "tbi" ? 0 : 14, o.threads) != 0)
        throw io_error(o.output + ": cannot build the index");

    nlohmann::json rep;
    rep["command"] = "genoveil release";
    rep["version"] = version();
    rep["mechanism"] = plan.gaussian ? "discrete_gaussian" : "discrete_laplace";
    rep["relation"] = "add_remove";
    rep["sites"] = sites.size();
    rep["sites_digest"] = sites.digest();
    rep["site_presence"] = o.sites_from_input ? "not protected" : "protected (public list)";
    rep["rho"] = plan.rho_up;
    rep["rho_exact"] = privacy::to_string(plan.rho_used);
    if (plan.gaussian) rep["sigma2"] = plan.sigma2;
    else rep["scale"] = std::to_string(plan.t_num) + "/" + std::to_string(plan.t_den);
    rep["epsilon"] = plan.epsilon;
    rep["delta"] = plan.delta;
    rep["groups"] = groups.names.size() == 1 && groups.names[0].empty() ? nlohmann::json::array() : nlohmann::json(groups.names);
    if (o.seed) rep["notice"] = "NOT PRIVATE: deterministic test seed";
    rep["steward_only"] = {{"note", "exact values about the cohort; not differentially private, do not publish"},
                           {"records_read", data.records},
                           {"listed_sites_found", data.found},
                           {"samples_counted", counted.size()}};
    if (repeat) {
        rep["ledger"] = {{"charged", 0}, {"repeat_of_release", (*repeat)["release"]}, {"spent", spent}, {"cap", cap_up}};
    } else {
        nlohmann::json entry{{"time", now_utc()},
                             {"version", version()},
                             {"request", request_digest},
                             {"plan", plan_digest},
                             {"dataset", dataset},
                             {"input", data.input_digest},
                             {"sites", sites.digest()},
                             {"sites_count", sites.size()},
                             {"groups", groups.digest},
                           {"haploid_contigs", haploid_used},
                             {"privacy_unit", "individual"},
                             {"relation", "add_remove"},
                             {"sensitivity_l1", 1},
                             {"sensitivity_l2", 1},
                             {"mechanism", rep["mechanism"]},
                             {"rho_charged", plan.rho_up},
                             {"rho_exact", privacy::to_string(plan.rho_used)},
                             {"epsilon", plan.epsilon},
                             {"delta", plan.delta},
                             {"cap", o.budget_cap}};  // the cap in force: a raised cap stays on record
        if (plan.gaussian) entry["sigma2"] = plan.sigma2;
        else entry["scale"] = rep["scale"];
        if (o.seed) entry["notice"] = "NOT PRIVATE: deterministic test seed";
        ledger.append(entry);  // charged before the output appears: never an unaccounted release
        rep["ledger"] = {{"charged", plan.rho_up}, {"release", ledger.entries().size()}, {"spent", ledger.spent()}, {"cap", cap_up}};
    }
    if (report_file) core::write_json(*report_file, rep);
    if (to_stdout) {
        std::ifstream in(out_file->temp_path(), std::ios::binary);
        std::cout << in.rdbuf();
        std::cout.flush();
        if (!std::cout) throw io_error("<stdout>: write failed");
        out_file->discard();
    } else {
        out_file->commit();
    }
    if (idx_file) idx_file->commit();
    if (report_file) report_file->commit();
    return rep;
}

}  // namespace genoveil::release
