// A plain, single-threaded C++ implementation of IMM (Tang, Shi & Xiao, SIGMOD 2015), written for
// einfluence's benchmarks: a compiled yardstick on graphs where the authors' own program was not run.
// It follows the paper and the layout of the usual implementations: in-adjacency lists, RR sets by a
// reverse breadth-first search that flips one coin per in-arc, a node -> RR sets index filled while
// sampling, and a greedy that scans every node for the largest count at each step.
//
// Build: g++ -O3 -march=native -std=c++17 imm_reference.cpp -o imm_reference
// Input: a binary file: int64 n, int64 m, then m int32 sources, m int32 targets, m float64 probabilities
//        (influence flows source -> target).
// Usage: imm_reference GRAPH K EPSILON [ELL] [SEED]
// Output (one line of JSON): seconds (algorithm, graph already in memory), rr_sets, expected_spread, seeds.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <vector>

namespace {

struct Rng {  // SplitMix64 (Steele, Lea & Flood, OOPSLA 2014)
    uint64_t state;
    double uniform() {
        uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        z ^= z >> 31;
        return (z >> 11) * 0x1.0p-53;
    }
};

struct Imm {
    int64_t n = 0;
    std::vector<std::vector<int32_t>> in_nodes;
    std::vector<std::vector<double>> in_prob;
    std::vector<std::vector<int32_t>> sets;       // RR set -> nodes
    std::vector<std::vector<int32_t>> sets_of;    // node -> RR sets
    std::vector<int64_t> stamp;
    std::vector<int32_t> queue;
    Rng rng{1};

    void sample(int64_t total) {
        while (static_cast<int64_t>(sets.size()) < total) {
            const int64_t id = static_cast<int64_t>(sets.size());
            int32_t root = static_cast<int32_t>(std::min<int64_t>(n - 1, static_cast<int64_t>(rng.uniform() * n)));
            queue.clear();
            queue.push_back(root);
            stamp[root] = id;
            for (size_t head = 0; head < queue.size(); ++head) {
                const int32_t v = queue[head];
                const auto& from = in_nodes[v];
                const auto& p = in_prob[v];
                for (size_t e = 0; e < from.size(); ++e) {
                    const int32_t u = from[e];
                    if (stamp[u] == id) continue;
                    if (rng.uniform() < p[e]) {
                        stamp[u] = id;
                        queue.push_back(u);
                    }
                }
            }
            for (int32_t u : queue) sets_of[u].push_back(static_cast<int32_t>(id));
            sets.emplace_back(queue.begin(), queue.end());
        }
    }

    // greedy maximum coverage of all the RR sets: seeds and the number of sets they cover
    int64_t greedy(int k, std::vector<int32_t>& seeds) {
        std::vector<int64_t> count(n);
        for (int64_t v = 0; v < n; ++v) count[v] = static_cast<int64_t>(sets_of[v].size());
        std::vector<char> covered(sets.size(), 0);
        seeds.clear();
        int64_t total = 0;
        for (int i = 0; i < k; ++i) {
            const int32_t best = static_cast<int32_t>(std::max_element(count.begin(), count.end()) - count.begin());
            seeds.push_back(best);
            total += count[best];
            for (int32_t r : sets_of[best]) {
                if (covered[r]) continue;
                covered[r] = 1;
                for (int32_t u : sets[r]) --count[u];
            }
        }
        return total;
    }
};

double log_binomial(double n, double k) { return std::lgamma(n + 1) - std::lgamma(k + 1) - std::lgamma(n - k + 1); }

}  // namespace

int main(int argc, char** argv) {
    if (argc < 4) {
        std::fprintf(stderr, "usage: %s GRAPH K EPSILON [ELL] [SEED]\n", argv[0]);
        return 2;
    }
    const int k = std::atoi(argv[2]);
    const double eps = std::atof(argv[3]);
    double ell = argc > 4 ? std::atof(argv[4]) : 1.0;
    Imm imm;
    imm.rng.state = argc > 5 ? std::strtoull(argv[5], nullptr, 10) : 1;

    FILE* f = std::fopen(argv[1], "rb");
    if (!f) {
        std::perror(argv[1]);
        return 1;
    }
    int64_t header[2];
    if (std::fread(header, sizeof(int64_t), 2, f) != 2) return 1;
    const int64_t n = header[0], m = header[1];
    std::vector<int32_t> src(m), dst(m);
    std::vector<double> prob(m);
    if (std::fread(src.data(), 4, m, f) != static_cast<size_t>(m) || std::fread(dst.data(), 4, m, f) != static_cast<size_t>(m) ||
        std::fread(prob.data(), 8, m, f) != static_cast<size_t>(m))
        return 1;
    std::fclose(f);
    imm.n = n;
    imm.in_nodes.resize(n);
    imm.in_prob.resize(n);
    for (int64_t e = 0; e < m; ++e) {
        imm.in_nodes[dst[e]].push_back(src[e]);
        imm.in_prob[dst[e]].push_back(prob[e]);
    }
    src = {};
    dst = {};
    prob = {};
    imm.sets_of.resize(n);
    imm.stamp.assign(n, -1);

    const auto started = std::chrono::steady_clock::now();
    // IMM's constants (Algorithms 2 and 3, Equations 6 and 9), l adjusted as in the paper
    const double log_n = std::log(static_cast<double>(n));
    ell = ell * (1.0 + std::log(2.0) / log_n);
    const double ratio = 1.0 - 1.0 / std::exp(1.0);
    const double eps_p = std::sqrt(2.0) * eps;
    const double lcnk = log_binomial(static_cast<double>(n), k);
    const double lambda_p = (2.0 + 2.0 / 3.0 * eps_p) * (lcnk + ell * log_n + std::log(std::log2(static_cast<double>(n)))) * n / (eps_p * eps_p);
    const double alpha = std::sqrt(ell * log_n + std::log(2.0));
    const double beta = std::sqrt(ratio * (lcnk + ell * log_n + std::log(2.0)));
    const double lambda_star = 2.0 * n * std::pow(ratio * alpha + beta, 2) / (eps * eps);
    std::vector<int32_t> seeds;
    double lower = 1.0;
    for (int i = 1; i < static_cast<int>(std::log2(static_cast<double>(n))); ++i) {
        const double x = n / std::pow(2.0, i);
        imm.sample(static_cast<int64_t>(std::ceil(lambda_p / x)));
        const double estimate = static_cast<double>(n) * imm.greedy(k, seeds) / imm.sets.size();
        if (estimate >= (1.0 + eps_p) * x) {
            lower = estimate / (1.0 + eps_p);
            break;
        }
    }
    imm.sample(static_cast<int64_t>(std::ceil(lambda_star / lower)));
    const double spread = static_cast<double>(n) * imm.greedy(k, seeds) / imm.sets.size();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

    std::printf("{\"seconds\": %.6f, \"rr_sets\": %zu, \"expected_spread\": %.3f, \"seeds\": [", seconds, imm.sets.size(), spread);
    for (size_t i = 0; i < seeds.size(); ++i) std::printf("%s%d", i ? ", " : "", seeds[i]);
    std::printf("]}\n");
    return 0;
}
