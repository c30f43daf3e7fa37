// The experiment interface: a kind from the experiment catalog (experimentcatalog.h), made with its parameters, run
// with trials, threads, progress and cancel, returning the generic ExperimentResult. Multi-trial parts give trial i
// the seed deriveSeed(base, i) and keep results in trial order, so every number is the same for any thread count.
#pragma once

#include "catalog.h"
#include "experimentresult.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace haggle {
struct Scenario;
}

namespace haggle::lab {

class LlmDialogue;

inline constexpr int MaxTrials = 100000;
// The largest seed a catalog parameter (a double) holds exactly, 2^53 - 1; a context's seed override takes any.
inline constexpr double MaxExactSeed = 9007199254740991.0;

struct ExperimentContext {
    std::optional<int> trials; // overrides each multi-trial part's count (matrix seeds, trials)
    std::optional<std::uint64_t> seed; // overrides the base seed of every part
    // Added to every seed the experiment uses, after any override (wrapping modulo 2^64): a run nobody has published,
    // with nothing else changed. seedFor() applies it.
    std::int64_t seedOffset = 0;
    int threads = 0; // 0: one per hardware thread
    // Called on the thread that called run(), between stages: fraction done (0..1) and what comes next.
    std::function<void(double fraction, std::string_view stage)> progress;
    // Called on the thread that called run() with what is known so far, by an experiment that can show it before it
    // ends (a sweep's report as its runs are stored), at most every second or so. Unset: nobody watches.
    std::function<void(const ExperimentResult& partial)> partial;
    // When it becomes true, run() stops at the next trial or stage and throws ExperimentCancelled. Not owned.
    const std::atomic<bool>* cancel = nullptr;
    // The LLM experiments (llmexperiments.h): the dialogue a run's LLM negotiators ask, for its scenario (whose llm
    // settings carry the experiment's prompt variant) and named `run` for its recording ("naive-buyer-greedy-3").
    // Called from trial threads. Unset: the LLM agents play their fallback, and the result says so.
    std::function<std::shared_ptr<LlmDialogue>(const Scenario& scenario, const std::string& run)> languageModel;

    // A part's base seed: the override if any, else its own, plus the offset.
    std::uint64_t seedFor(std::uint64_t own) const noexcept
    {
        return seed.value_or(own) + static_cast<std::uint64_t>(seedOffset);
    }
    bool cancelled() const noexcept { return cancel && cancel->load(std::memory_order_relaxed); }
    // Throws ExperimentCancelled if cancelled; else reports progress, if anyone listens.
    void checkpoint(double fraction, std::string_view stage) const;
};

class ExperimentCancelled : public std::runtime_error {
public:
    ExperimentCancelled()
        : std::runtime_error("experiment cancelled")
    {
    }
};

class Experiment {
public:
    // Keeps the kind's name and every parameter's value (given or default), not the KindInfo itself: the catalog may
    // grow, and move its entries, while an experiment lives.
    Experiment(const KindInfo& kind, const Parameters& parameters);
    virtual ~Experiment();
    Experiment(const Experiment&) = delete;
    Experiment& operator=(const Experiment&) = delete;

    const std::string& name() const noexcept { return m_name; }
    const std::map<std::string, double, std::less<>>& parameters() const noexcept { return m_parameters; }
    // The value of a declared parameter; throws std::invalid_argument for one the kind does not declare.
    double parameter(std::string_view name) const;

    // Throws ExperimentCancelled when context.cancel is set during the run.
    virtual ExperimentResult run(const ExperimentContext& context) const = 0;

private:
    std::string m_name;
    std::map<std::string, double, std::less<>> m_parameters;
};

} // namespace haggle::lab
