// The main() of the Google Benchmark programs: the usual flags, plus --smoke, which registers every benchmark at
// small sizes for one iteration each. CI runs the programs that way (CTest label `bench`) so that they keep building
// and running; the figures in docs/performance.md come from full runs without it.
#pragma once

#include <benchmark/benchmark.h>

#include <cstring>

namespace haggle::bench {

// Registers the program's benchmarks; smoke: small sizes, one iteration each.
void registerBenchmarks(bool smoke);

inline int benchmarkMain(int argc, char** argv)
{
    bool smoke = false;
    int kept = 1;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--smoke") == 0)
            smoke = true;
        else
            argv[kept++] = argv[i];
    }
    argc = kept;
    registerBenchmarks(smoke);
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}

} // namespace haggle::bench

int main(int argc, char** argv)
{
    return haggle::bench::benchmarkMain(argc, argv);
}
