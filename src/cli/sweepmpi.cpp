// haggle-sweep-mpi: a sweep over the processes of an MPI job (OpenMPI's mpirun, or srun under Slurm), into one
// SQLite results file. Rank 0 hands out runs in small chunks as ranks ask for them (dynamic load balancing: a fast
// node asks more often), stores every result it receives and plays runs of its own meanwhile; the other ranks play
// the chunks they are given and send their results back. Every run's results depend only on its number, so the file
// is the one `haggle-cli sweep` writes, row for row, and a job that is killed resumes like one (see docs/sweeps.md).
//
//   mpirun -np 4 haggle-sweep-mpi SWEEP.json --out RESULTS.sqlite [--threads T] [--chunk N]
#include "sweep.h"
#include "sweeprunner.h"
#include "sweepstore.h"

#include <mpi.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <unistd.h>

using namespace haggle::lab;
using nlohmann::json;

namespace {

enum Tag : int {
    Request = 1, // a rank asks for one of its first chunks
    Results = 2, // a rank sends a chunk's results, and asks for the next
    Work = 3, // rank 0 sends a chunk of run numbers; an empty one means: no more work
};

// Chunks a rank has asked for and not yet finished: it plays one while the next is on its way, so it never waits for
// rank 0 between chunks (rank 0 answers within a poll, half a millisecond, on a core that is also playing runs).
// Every message to rank 0 gets exactly one chunk back, so a rank ends after as many empty chunks.
constexpr int Pipeline = 2;

constexpr int Usage = 2;
constexpr int WriteFailure = 1;

struct Options {
    std::string sweep;
    std::string out;
    int threads = 1; // worker threads per rank (one process per core is MPI's usual layout)
    int chunk = 32; // runs per hand-out
};

std::optional<Options> parseOptions(int argc, char** argv, std::string& problem)
{
    Options o;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        const auto value = [&](const char* name) -> std::optional<std::string> {
            if (i + 1 >= argc) {
                problem = std::string(name) + " needs a value";
                return std::nullopt;
            }
            return std::string(argv[++i]);
        };
        const auto number = [&](const char* name, int min, int max, int& out) {
            const auto v = value(name);
            if (!v)
                return false;
            try {
                std::size_t used = 0;
                const long n = std::stol(*v, &used);
                if (used == v->size() && n >= min && n <= max) {
                    out = static_cast<int>(n);
                    return true;
                }
            } catch (const std::exception&) {
            }
            problem = std::string(name) + " expects a whole number in [" + std::to_string(min) + ", "
                + std::to_string(max) + "], got '" + *v + "'";
            return false;
        };
        if (arg == "-h" || arg == "--help") {
            problem = "help";
            return std::nullopt;
        } else if (arg == "--out") {
            const auto v = value("--out");
            if (!v)
                return std::nullopt;
            o.out = *v;
        } else if (arg == "--threads") {
            if (!number("--threads", 1, 1024, o.threads))
                return std::nullopt;
        } else if (arg == "--chunk") {
            if (!number("--chunk", 1, 100000, o.chunk))
                return std::nullopt;
        } else if (!arg.empty() && arg[0] == '-') {
            problem = "unknown option '" + arg + "'";
            return std::nullopt;
        } else if (o.sweep.empty()) {
            o.sweep = arg;
        } else {
            problem = "expects one sweep file, got '" + o.sweep + "' and '" + arg + "'";
            return std::nullopt;
        }
    }
    if (o.sweep.empty())
        problem = "expects a sweep file";
    else if (o.out.empty())
        problem = "needs --out FILE, the SQLite file to write the results into";
    if (!problem.empty())
        return std::nullopt;
    return o;
}

const char* UsageText
    = "Usage: mpirun -np N haggle-sweep-mpi SWEEP.json --out RESULTS.sqlite [--threads T] [--chunk N]\n"
      "Runs a sweep (docs/sweeps.md) over the ranks of an MPI job into one results file, the same\n"
      "file `haggle-cli sweep` writes. Rank 0 stores results and hands out CHUNK runs at a time\n"
      "(default 32); every rank plays runs on T threads (default 1). Run it again to resume.\n";

// Results travel as CBOR: [[run, state hash, [[metric, value]...], [[series, [value or null...]]...]]...].
std::vector<std::uint8_t> encode(const std::vector<SweepRunResult>& results)
{
    json all = json::array();
    for (const auto& r : results) {
        json metrics = json::array();
        for (const auto& m : r.metrics)
            metrics.push_back({ m.name, m.value });
        json series = json::array();
        for (const auto& s : r.series) {
            json values = json::array();
            for (const auto& v : s.values)
                values.push_back(v ? json(*v) : json());
            series.push_back({ s.name, values });
        }
        all.push_back({ r.id.run, r.stateHash, metrics, series });
    }
    return json::to_cbor(all);
}

std::vector<SweepRunResult> decode(const SweepPlan& plan, const std::vector<std::uint8_t>& bytes)
{
    std::vector<SweepRunResult> results;
    for (const auto& item : json::from_cbor(bytes)) {
        SweepRunResult r;
        r.id = plan.runId(item[0].get<std::int64_t>());
        r.stateHash = item[1].get<std::uint64_t>();
        for (const auto& m : item[2])
            r.metrics.push_back({ m[0].get<std::string>(), m[1].get<double>() });
        for (const auto& s : item[3]) {
            SweepRunResult::Series series { s[0].get<std::string>(), {} };
            for (const auto& v : s[1])
                series.values.push_back(v.is_null() ? std::nullopt : std::optional<double>(v.get<double>()));
            r.series.push_back(std::move(series));
        }
        results.push_back(std::move(r));
    }
    return results;
}

// Plays a chunk of runs on `threads` threads; results in the chunk's order.
std::vector<SweepRunResult> play(const SweepPlan& plan, const std::vector<std::int64_t>& runs, int threads)
{
    std::vector<SweepRunResult> results(runs.size());
    std::atomic<std::size_t> next { 0 };
    const auto worker = [&] {
        for (std::size_t i = next++; i < runs.size(); i = next++)
            results[i] = runSweepRun(plan, runs[i]);
    };
    std::vector<std::jthread> pool;
    for (int t = 1; t < std::min<int>(threads, static_cast<int>(runs.size())); ++t)
        pool.emplace_back(worker);
    worker();
    return results;
}

// The runs still to play, handed out in chunks to remote ranks and rank 0's own threads alike.
class Dispenser {
public:
    Dispenser(std::vector<bool> stored, std::int64_t runs)
        : m_stored(std::move(stored))
        , m_runs(runs)
    {
    }
    std::vector<std::int64_t> take(int chunk)
    {
        std::lock_guard lock(m_mutex);
        std::vector<std::int64_t> runs;
        while (m_next < m_runs && static_cast<int>(runs.size()) < chunk) {
            if (!m_stored[static_cast<std::size_t>(m_next)])
                runs.push_back(m_next);
            ++m_next;
        }
        return runs;
    }

private:
    std::mutex m_mutex;
    std::vector<bool> m_stored;
    std::int64_t m_runs;
    std::int64_t m_next = 0;
};

int coordinate(const SweepPlan& plan, const Options& options, int ranks)
{
    using Clock = std::chrono::steady_clock;
    const auto start = Clock::now();
    std::optional<SweepStore> store;
    try {
        store.emplace(options.out, plan);
    } catch (const SweepStoreError& e) {
        std::fprintf(stderr, "haggle-sweep-mpi: %s\n", e.what());
        MPI_Abort(MPI_COMM_WORLD, WriteFailure);
    }
    const std::vector<bool> stored = store->storedRuns();
    const std::int64_t already = std::count(stored.begin(), stored.end(), true);
    const std::int64_t todo = plan.runCount() - already;
    Dispenser dispenser(stored, plan.runCount());

    // Rank 0's own runs: this thread plays them between serving the other ranks (a run is a fraction of a
    // millisecond, and every rank has its next chunk already), and --threads T adds T - 1 threads whose results go
    // into a list this thread stores from. So rank 0 uses T threads in all, as every other rank does.
    std::mutex localMutex;
    std::vector<SweepRunResult> local;
    std::atomic<int> localRunning { options.threads - 1 };
    std::atomic<bool> stop { false };
    std::vector<std::jthread> pool;
    for (int t = 1; t < options.threads; ++t) {
        pool.emplace_back([&] {
            while (!stop) {
                const auto runs = dispenser.take(std::max(1, options.chunk / 4));
                if (runs.empty())
                    break;
                auto results = play(plan, runs, 1);
                std::lock_guard lock(localMutex);
                for (auto& r : results)
                    local.push_back(std::move(r));
            }
            --localRunning;
        });
    }

    int remoteActive = (ranks - 1) * Pipeline; // the ranks' request streams not yet ended by an empty chunk
    std::int64_t done = 0, uncommitted = 0;
    auto lastCommit = Clock::now();
    double lastLine = -10.0;
    const bool terminal = ::isatty(fileno(stderr));
    const auto report = [&](bool last) {
        const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
        if (!last && !terminal && seconds - lastLine < 5.0)
            return;
        lastLine = seconds;
        const double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0.0;
        const std::string eta = done > 0 ? durationText(static_cast<double>(todo - done) / rate) : "?";
        std::fprintf(stderr, "%ssweep: %lld/%lld runs, %.0f runs/s on %d ranks, ETA %s%s", terminal ? "\r\033[K" : "",
            static_cast<long long>(done + already), static_cast<long long>(plan.runCount()), rate, ranks, eta.c_str(),
            terminal && !last ? "" : "\n");
        std::fflush(stderr);
    };
    const auto keep = [&](std::vector<SweepRunResult>& results) {
        if (results.empty())
            return;
        store->begin();
        for (const auto& r : results)
            store->add(r);
        done += static_cast<std::int64_t>(results.size());
        uncommitted += static_cast<std::int64_t>(results.size());
        results.clear();
    };
    try {
        std::vector<SweepRunResult> mine;
        std::vector<std::uint8_t> buffer;
        const auto localPending = [&] {
            std::lock_guard lock(localMutex);
            return !local.empty();
        };
        struct Sending {
            std::vector<std::int64_t> chunk;
            MPI_Request request = MPI_REQUEST_NULL;
        };
        std::list<Sending> sending; // chunks on their way (a list: their buffers stay where they are)
        bool playing = true; // this thread still has runs of its own to play
        while (playing || remoteActive > 0 || localRunning > 0 || localPending()) {
            bool busy = false;
            int flag = 0;
            MPI_Status status;
            while (MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, &status), flag) {
                busy = true;
                int count = 0;
                MPI_Get_count(&status, MPI_BYTE, &count);
                buffer.resize(static_cast<std::size_t>(count));
                MPI_Recv(buffer.data(), count, MPI_BYTE, status.MPI_SOURCE, status.MPI_TAG, MPI_COMM_WORLD,
                    MPI_STATUS_IGNORE);
                // Sent without waiting: a chunk over MPI's eager limit (a large --chunk) waits for the rank to post
                // its receive, and a rank with a chunk requested ahead is busy playing the one it has.
                Sending& out = sending.emplace_back();
                out.chunk = dispenser.take(options.chunk);
                MPI_Isend(out.chunk.data(), static_cast<int>(out.chunk.size()), MPI_INT64_T, status.MPI_SOURCE, Work,
                    MPI_COMM_WORLD, &out.request);
                if (out.chunk.empty())
                    --remoteActive;
                if (status.MPI_TAG == Results) {
                    auto results = decode(plan, buffer);
                    keep(results);
                }
            }
            std::erase_if(sending, [](Sending& out) {
                int sent = 0;
                MPI_Test(&out.request, &sent, MPI_STATUS_IGNORE);
                return sent != 0;
            });
            {
                std::lock_guard lock(localMutex);
                mine.swap(local);
            }
            if (!mine.empty()) {
                busy = true;
                keep(mine);
            }
            if (sweepCommitDue(uncommitted, Clock::now() - lastCommit)) {
                store->commit();
                uncommitted = 0;
                lastCommit = Clock::now();
                report(false);
            }
            if (playing) {
                const auto runs = dispenser.take(1);
                if (runs.empty()) {
                    playing = false;
                } else {
                    mine.push_back(runSweepRun(plan, runs.front()));
                    keep(mine);
                }
                continue;
            }
            if (!busy)
                std::this_thread::sleep_for(std::chrono::microseconds(500));
        }
        for (Sending& out : sending)
            MPI_Wait(&out.request, MPI_STATUS_IGNORE);
        store->commit();
    } catch (const std::exception& e) {
        stop = true;
        std::fprintf(stderr, "\nhaggle-sweep-mpi: %s\n", e.what());
        MPI_Abort(MPI_COMM_WORLD, WriteFailure);
    }
    pool.clear();
    report(true);
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    std::printf("sweep '%s': %lld runs in %s on %d ranks (%.0f runs/s)%s; %lld of %lld runs stored in %s\n",
        plan.spec().name.c_str(), static_cast<long long>(done), durationText(seconds).c_str(), ranks,
        seconds > 0 ? static_cast<double>(done) / seconds : 0.0,
        already ? (", " + std::to_string(already) + " already stored").c_str() : "",
        static_cast<long long>(done + already), static_cast<long long>(plan.runCount()), options.out.c_str());
    return 0;
}

int work(const SweepPlan& plan, const Options& options)
{
    for (int i = 0; i < Pipeline; ++i)
        MPI_Send(nullptr, 0, MPI_BYTE, 0, Request, MPI_COMM_WORLD);
    std::vector<std::int64_t> chunk;
    int ended = 0;
    for (;;) {
        MPI_Status status;
        MPI_Probe(0, Work, MPI_COMM_WORLD, &status);
        int count = 0;
        MPI_Get_count(&status, MPI_INT64_T, &count);
        chunk.resize(static_cast<std::size_t>(count));
        MPI_Recv(chunk.data(), count, MPI_INT64_T, 0, Work, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        if (chunk.empty()) {
            if (++ended == Pipeline)
                return 0;
            continue;
        }
        try {
            const auto bytes = encode(play(plan, chunk, options.threads));
            MPI_Send(bytes.data(), static_cast<int>(bytes.size()), MPI_BYTE, 0, Results, MPI_COMM_WORLD);
        } catch (const std::exception& e) {
            std::fprintf(stderr, "haggle-sweep-mpi: a run failed: %s\n", e.what());
            MPI_Abort(MPI_COMM_WORLD, WriteFailure);
        }
    }
}

} // namespace

int main(int argc, char** argv)
{
    int provided = 0;
    MPI_Init_thread(&argc, &argv, MPI_THREAD_FUNNELED, &provided);
    int rank = 0, ranks = 1;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &ranks);

    std::string problem;
    const auto options = parseOptions(argc, argv, problem);
    if (!options) {
        if (rank == 0) {
            if (problem == "help")
                std::fputs(UsageText, stdout);
            else
                std::fprintf(stderr, "haggle-sweep-mpi: %s\n%s", problem.c_str(), UsageText);
        }
        MPI_Finalize();
        return problem == "help" ? 0 : Usage;
    }
    // Every rank reads the sweep (from a shared file system) and checks it; rank 0 says what is wrong. They must read
    // the same sweep: its hash is compared with rank 0's.
    std::optional<SweepPlan> plan;
    try {
        plan.emplace(loadSweep(options->sweep), options->sweep);
    } catch (const SweepFileError& e) {
        if (rank == 0)
            std::fprintf(stderr, "haggle-sweep-mpi: %s\n", e.what());
        MPI_Finalize();
        return Usage;
    }
    char hash[17] = {};
    std::strncpy(hash, plan->spec().hash().c_str(), 16);
    MPI_Bcast(hash, 17, MPI_CHAR, 0, MPI_COMM_WORLD);
    if (plan->spec().hash() != hash) {
        std::fprintf(stderr, "haggle-sweep-mpi: rank %d read another sweep from %s than rank 0 (hash %s, not %s)\n",
            rank, options->sweep.c_str(), plan->spec().hash().c_str(), hash);
        MPI_Abort(MPI_COMM_WORLD, Usage);
    }
    const int code = rank == 0 ? coordinate(*plan, *options, ranks) : work(*plan, *options);
    MPI_Finalize();
    return code;
}
