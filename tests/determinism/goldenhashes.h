// The golden state hashes (state-hashes.tsv, written by regenerate.sh) as the C++ determinism tests read them: the
// engine and trial-runner test here and the desktop-lab controller test in tests/ui.
#pragma once

#include <cstdint>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace haggle::golden {

struct GoldenRun {
    std::string scenario; // built-in scenario key
    int trials = 0; // 0: one run with the scenario's own seed
    std::vector<std::uint64_t> seeds; // trial i's seed (trials only)
    std::vector<std::vector<std::uint64_t>> hashes; // [trial, or 0 for one run][round - 1]

    int rounds() const { return hashes.empty() ? 0 : static_cast<int>(hashes.front().size()); }
    std::string label() const { return trials ? scenario + " x" + std::to_string(trials) : scenario; }
};

inline std::string hexOf(std::uint64_t hash)
{
    std::ostringstream s;
    s.width(16);
    s.fill('0');
    s << std::hex << hash;
    return s.str();
}

// The file's entries in file order. Throws std::runtime_error for a missing or malformed file.
inline std::vector<GoldenRun> readGoldenHashes(const std::string& path)
{
    std::ifstream in(path);
    if (!in)
        throw std::runtime_error("cannot read " + path);
    std::vector<GoldenRun> runs;
    std::string line;
    for (int number = 1; std::getline(in, line); ++number) {
        if (line.empty() || line.front() == '#')
            continue;
        std::vector<std::string> fields;
        std::istringstream split(line);
        for (std::string f; std::getline(split, f, '\t');)
            fields.push_back(f);
        const auto fail = [&](const std::string& why) {
            throw std::runtime_error(path + ":" + std::to_string(number) + ": " + why);
        };
        if (fields.size() != 3 && fields.size() != 5)
            fail("expected 3 or 5 tab-separated fields");
        const bool trial = fields.size() == 5;
        GoldenRun* run = nullptr;
        for (auto& r : runs) {
            if (r.scenario == fields[0] && (r.trials > 0) == trial)
                run = &r;
        }
        if (!run) {
            runs.push_back({ fields[0], 0, {}, {} });
            run = &runs.back();
        }
        std::size_t t = 0;
        if (trial) {
            t = std::stoul(fields[1]);
            if (t == run->hashes.size()) {
                run->hashes.emplace_back();
                run->seeds.push_back(std::stoull(fields[2]));
                run->trials = static_cast<int>(run->hashes.size());
            }
            if (t >= run->hashes.size() || run->seeds[t] != std::stoull(fields[2]))
                fail("trials must come in order, each with one seed");
        } else if (run->hashes.empty()) {
            run->hashes.emplace_back();
        }
        const std::string& round = fields[fields.size() - 2];
        const std::string& hash = fields.back();
        if (std::stoul(round) != run->hashes[t].size() + 1 || hash.size() != 16)
            fail("rounds must count up from 1, each with a 16-digit hash");
        run->hashes[t].push_back(std::stoull(hash, nullptr, 16));
    }
    if (runs.empty())
        throw std::runtime_error(path + ": no hashes");
    return runs;
}

} // namespace haggle::golden
