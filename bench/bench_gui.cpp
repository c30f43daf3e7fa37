// GUI responsiveness under load: opens the desktop lab, then a scenario (default builtin:market-1000), runs it at
// full speed with the deal graph or the charts on screen, and measures how long the GUI thread is ever kept from its
// event loop (a 5 ms probe timer records the gaps between its ticks, and the GUI thread's own CPU time in each,
// which other processes' load does not inflate). Prints rounds per second, the longest gap while opening the
// scenario, the longest and the 99th-percentile gap while running, the cost of one refresh and repaint of the whole
// view, and memory. A measurement program, not a test: see docs/performance.md.
//
// Usage: bench_gui [SCENARIO_KEY] [SECONDS] [graph|charts|rounds] [--frames K] [--rounds N] [--filters] [--layout]
//                 [--scrub S] [--side-by-side S]
//   --frames K  after the timed run, pause and draw K frames of the view from the run's state (the last snapshot
//               replayed with advancing round numbers), and report their cost in wall time and in the GUI
//               thread's own CPU time, which other processes' load does not inflate
//   --rounds N  run until N rounds are complete (SECONDS 0: no time limit) and report memory at checkpoints
//               (10k, 100k, 200k, 500k, 1M, ... rounds) with what the bounded buffers hold
//   --layout    after the timed run, arrange the graph by deals (sfdp above 200 agents, in the background) and
//               report how long the layout took and the GUI thread's longest gap meanwhile
//   --scrub S   after the timed run, scrub the timeline for S seconds as a hand drags it (a round drawn at random
//               every 33 ms): how many past rounds were shown, how long one took to arrive after it was asked for
//               (the worker restores it from checkpoints and replays it), and the GUI thread's longest gap meanwhile
//   --side-by-side S  after the timed run, fork the run at its newest round and play the original and the branch
//               at full speed side by side, with the compare view open: S seconds showing a chart of each, then S
//               seconds showing each run's deal graph; the GUI thread's longest gap in each
//   --filters   the deal graph with its filters on (recent deals only, a minimum volume of 1): every frame filters
//               every pair before choosing the heaviest
#include "builtinscenarios.h"
#include "chartspanel.h"
#include "comparewindow.h"
#include "dealgraphview.h"
#include "mainwindow.h"
#include "messagelogdock.h"
#include "messagelogmodel.h"
#include "rng.h"
#include "roundsummarymodel.h"
#include "run.h"
#include "scenariodocument.h"
#include "simulationcontroller.h"

#include <QApplication>
#include <QChartView>
#include <QElapsedTimer>
#include <QGraphicsScene>
#include <QTimer>
#include <QWindow>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <functional>
#include <map>
#include <memory>
#include <sys/resource.h>
#include <unistd.h>
#include <utility>
#include <vector>

namespace {

double threadCpuMs()
{
    timespec ts {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

double currentRssMb()
{
    long pages = 0;
    long resident = 0;
    if (FILE* f = std::fopen("/proc/self/statm", "r")) {
        if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2)
            resident = 0;
        std::fclose(f);
    }
    return double(resident) * double(sysconf(_SC_PAGESIZE)) / (1024.0 * 1024.0);
}

double peakRssMb()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_maxrss) / 1024.0;
}

double median(std::vector<double> values)
{
    if (values.empty())
        return 0.0;
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

} // namespace

int main(int argc, char* argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    std::vector<QByteArray> positional;
    int frames = 0;
    long long roundTarget = 0;
    bool filters = false;
    bool layout = false;
    int scrubSeconds = 0;
    int sideBySideSeconds = 0;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--filters") == 0) {
            filters = true;
            continue;
        }
        if (std::strcmp(argv[i], "--layout") == 0) {
            layout = true;
            continue;
        }
        if (std::strcmp(argv[i], "--frames") == 0 && i + 1 < argc)
            frames = std::max(0, atoi(argv[++i]));
        else if (std::strcmp(argv[i], "--scrub") == 0 && i + 1 < argc)
            scrubSeconds = std::max(0, atoi(argv[++i]));
        else if (std::strcmp(argv[i], "--side-by-side") == 0 && i + 1 < argc)
            sideBySideSeconds = std::max(0, atoi(argv[++i]));
        else if (std::strcmp(argv[i], "--rounds") == 0 && i + 1 < argc)
            roundTarget = std::max(0LL, atoll(argv[++i]));
        else
            positional.emplace_back(argv[i]);
    }
    const QString key = positional.size() > 0 ? QString::fromLocal8Bit(positional[0]) : QStringLiteral("market-1000");
    const int seconds = positional.size() > 1 ? std::max(0, atoi(positional[1].constData())) : 10;
    const QByteArray view = positional.size() > 2 ? positional[2] : QByteArray("graph");
    const bool charts = view == "charts";
    const bool graph = view == "graph";

    haggle::ui::MainWindow window;
    window.askToSave = [](const QString&) { return QMessageBox::Discard; };
    window.showError = [](const QString& title, const QString& text) {
        std::fprintf(stderr, "%s: %s\n", qPrintable(title), qPrintable(text));
    };
    window.resize(1600, 1000);
    auto* controller = window.controller();
    window.setSpeed(0);
    if (charts)
        window.showView(window.chartsPanel());
    else if (graph)
        window.showView(window.dealGraph());
    else
        window.showView(window.roundsView());
    if (filters) {
        haggle::ui::EdgeFilter filter;
        filter.recentOnly = true;
        filter.minVolume = 1.0;
        window.dealGraph()->setEdgeFilter(filter);
    }
    window.show();

    // As the window paints a frame (MainWindow's paintNow()): the scene's queued handling of changed items, which
    // paints what changed, then whatever update is still pending. A replayed frame marks the whole view first: a
    // live frame changes nodes all over it, while the same snapshot replayed changes little after the first frame
    // (its pairs soon reach their faintest), and what is not changed is not painted.
    const auto paintNow = [](QGraphicsView* v) {
        v->viewport()->update();
        QCoreApplication::sendPostedEvents(v->scene(), QEvent::MetaCall);
        QCoreApplication::sendPostedEvents(v->window(), QEvent::UpdateRequest);
    };
    const auto repaintView = [&] {
        if (charts) {
            for (const QString& kind : window.chartsPanel()->kinds())
                window.chartsPanel()->view(kind)->viewport()->repaint();
        } else if (graph) {
            window.dealGraph()->viewport()->repaint();
        } else {
            window.roundsView()->repaint();
        }
    };

    QElapsedTimer runClock; // since the scenario was opened, to say when long gaps happen
    std::vector<qint64> gaps;
    std::vector<double> cpuGaps; // the GUI thread's own CPU time in each gap: its work, whatever the machine's load
    // Opening the scenario (loading it, resetting the docks, making the graph) is counted apart from the run: it
    // lasts from the opening until the run has started and the graph's nodes are all made.
    bool opening = false;
    bool runStarted = false;
    std::vector<qint64> openingGaps;
    std::vector<double> openingCpuGaps;
    double lastTickCpu = 0.0;
    bool sampled = false; // the paint probe ran in this gap: it is the bench's own work, not counted
    QElapsedTimer sinceTick;
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    probe.setInterval(5);
    QObject::connect(&probe, &QTimer::timeout, [&] {
        const double cpu = threadCpuMs();
        if (!std::exchange(sampled, false)) {
            const qint64 gap = sinceTick.nsecsElapsed();
            (opening ? openingGaps : gaps).push_back(gap);
            (opening ? openingCpuGaps : cpuGaps).push_back(cpu - lastTickCpu);
            if (gap > 50'000'000)
                std::fprintf(stderr,
                    "gap of %.1f ms (GUI thread CPU %.1f ms) ending %.2f s after opening the scenario, round %d%s\n",
                    double(gap) / 1e6, cpu - lastTickCpu, double(runClock.elapsed()) / 1000.0, controller->round(),
                    opening ? " (opening)" : "");
        }
        opening = opening && !(runStarted && !window.dealGraph()->isBuilding());
        sinceTick.restart();
        lastTickCpu = cpu;
    });
    // The cost of drawing the whole view on screen once (refreshViews() updates and repaints what is on screen, all
    // four charts at once, then a second, synchronous repaint), sampled once a second. The gap it falls in is
    // the bench's own doing and is left out of the gap figures.
    std::vector<double> paints;
    std::vector<double> paintCpu;
    QTimer paintProbe;
    paintProbe.setInterval(1000);
    QObject::connect(&paintProbe, &QTimer::timeout, [&] {
        QElapsedTimer t;
        t.start();
        const double cpu0 = threadCpuMs();
        window.refreshViews();
        const qint64 refreshed = t.nsecsElapsed();
        repaintView();
        paints.push_back(double(t.nsecsElapsed()) / 1e6);
        paintCpu.push_back(threadCpuMs() - cpu0);
        sampled = true;
        std::fprintf(stderr, "round %d: refresh %.1f ms, refresh + paint %.1f ms (GUI thread CPU %.1f ms)\n",
            controller->round(), double(refreshed) / 1e6, paints.back(), paintCpu.back());
    });

    // The latest snapshot with its batches, replayed by --frames. Only kept when asked for: a copy of every
    // snapshot (up to 20,000 messages each) is the bench's own work, and it would land in the gaps it measures.
    haggle::ui::SimulationSnapshot last;
    if (frames > 0) {
        QObject::connect(
            controller, &haggle::ui::SimulationController::snapshot, [&](const haggle::ui::SimulationSnapshot& s) {
                if (!s.newRounds.empty())
                    last = s;
            });
    }

    // Memory checkpoints for --rounds.
    std::vector<long long> checkpoints;
    for (long long c : { 10'000LL, 100'000LL, 200'000LL, 500'000LL, 1'000'000LL, 2'000'000LL, 5'000'000LL })
        if (c <= roundTarget)
            checkpoints.push_back(c);
    if (roundTarget > 0 && (checkpoints.empty() || checkpoints.back() != roundTarget))
        checkpoints.push_back(roundTarget);
    std::size_t nextCheckpoint = 0;
    QElapsedTimer wall;
    const auto reportMemory = [&](int round) {
        const auto& charts = window.chartsPanel()->data();
        std::printf("round %9d (%6.1f s): RSS %6.1f MB, peak %6.1f MB; round table %d rows, message log %d rows, "
                    "charts %lld rounds / %lld deals / %lld agent samples held\n",
            round, double(wall.elapsed()) / 1000.0, currentRssMb(), peakRssMb(), window.roundsModel()->rowCount(),
            window.messageLogDock()->model()->rowCount(), static_cast<long long>(charts.bufferedRounds()),
            static_cast<long long>(charts.bufferedDeals()), static_cast<long long>(charts.bufferedAgentSamples()));
        std::fflush(stdout);
    };

    int startRound = 0;
    bool finished = false;
    const auto finish = [&] {
        if (finished)
            return;
        finished = true;
        controller->pause();
        probe.stop();
        paintProbe.stop();
        const int rounds = controller->round() - startRound;
        std::sort(gaps.begin(), gaps.end());
        const double maxMs = gaps.empty() ? 0.0 : double(gaps.back()) / 1e6;
        const double p99Ms = gaps.empty() ? 0.0 : double(gaps[gaps.size() * 99 / 100]) / 1e6;
        std::printf("scenario: %s (%zu agents), view: %s\n", qPrintable(key),
            window.document()->scenario().agents.size(), view.constData());
        std::printf("rounds: %d in %.1f s = %.1f rounds/s\n", rounds, double(wall.elapsed()) / 1000.0,
            double(rounds) * 1000.0 / double(std::max<qint64>(1, wall.elapsed())));
        if (!openingGaps.empty())
            std::printf("opening the scenario: %zu probe ticks, longest gap %.1f ms (GUI thread CPU %.1f ms)\n",
                openingGaps.size(), double(*std::max_element(openingGaps.begin(), openingGaps.end())) / 1e6,
                *std::max_element(openingCpuGaps.begin(), openingCpuGaps.end()));
        std::printf("GUI thread while running: %zu probe ticks, longest gap %.1f ms, 99th percentile %.1f ms\n",
            gaps.size(), maxMs, p99Ms);
        std::sort(cpuGaps.begin(), cpuGaps.end());
        if (!cpuGaps.empty())
            std::printf("GUI thread CPU time between probe ticks: longest %.1f ms, 99th percentile %.1f ms\n",
                cpuGaps.back(), cpuGaps[cpuGaps.size() * 99 / 100]);
        if (cpuGaps.size() >= 5)
            std::printf("  five longest: %.1f %.1f %.1f %.1f %.1f ms\n", cpuGaps[cpuGaps.size() - 1],
                cpuGaps[cpuGaps.size() - 2], cpuGaps[cpuGaps.size() - 3], cpuGaps[cpuGaps.size() - 4],
                cpuGaps[cpuGaps.size() - 5]);
        if (!paints.empty())
            std::printf("one refresh and repaint of the view: median %.1f ms (GUI thread CPU %.1f ms), worst %.1f ms\n",
                median(paints), median(paintCpu), *std::max_element(paints.begin(), paints.end()));
        std::printf("memory: RSS %.0f MB, peak (max RSS) %.0f MB\n", currentRssMb(), peakRssMb());

        // Let the pause land (its final snapshot is drawn at once), then replay frames.
        QTimer::singleShot(300, &app, [&] {
            if (frames > 0 && (graph || charts) && !last.newRounds.empty()) {
                std::vector<double> wallMs;
                std::vector<double> cpuMs;
                std::vector<double> updateCpuMs;
                haggle::ui::SimulationSnapshot s = last;
                const int batch = int(s.newRounds.size());
                for (int f = 0; f < frames; ++f) {
                    // The same batch again, later: rounds advance as in a run, so edges fade and charts grow.
                    s.round += batch;
                    for (auto& r : s.newRounds)
                        r.round += batch;
                    for (auto& d : s.newDeals)
                        d.round += batch;
                    QElapsedTimer t;
                    t.start();
                    const double cpu0 = threadCpuMs();
                    if (graph) {
                        window.dealGraph()->updateLive(s, window.currentRun()->dealNetwork());
                        updateCpuMs.push_back(threadCpuMs() - cpu0);
                        paintNow(window.dealGraph());
                    } else {
                        // As the frame timer does in a run: one chart per frame, in turn.
                        window.chartsPanel()->append(s);
                        QChartView* drawn = window.chartsPanel()->refreshNext();
                        updateCpuMs.push_back(threadCpuMs() - cpu0);
                        if (drawn)
                            paintNow(drawn);
                    }
                    wallMs.push_back(double(t.nsecsElapsed()) / 1e6);
                    cpuMs.push_back(threadCpuMs() - cpu0);
                }
                std::printf("%d replayed frames (update + paint, %zu drawn pairs of %zu): median %.1f ms wall, "
                            "%.1f ms GUI thread CPU (update alone %.1f ms); worst %.1f ms wall\n",
                    frames, std::size_t(window.dealGraph()->drawnEdgeCount()),
                    window.currentRun()->dealNetwork().edges().size(), median(wallMs), median(cpuMs),
                    median(updateCpuMs), *std::max_element(wallMs.begin(), wallMs.end()));
            }
            if (sideBySideSeconds > 0) {
                // Two runs at full speed, side by side in the compare view: the original goes on, the branch
                // (unedited: the same load) starts from its newest round.
                haggle::ui::Run* original = window.currentRun();
                haggle::ui::Run* branch = window.addBranch(original->newestRound(), original->scenario());
                branch->controller()->setSpeed(0);
                haggle::ui::CompareWindow* compare = window.showCompare();
                compare->resize(1600, 1000);
                original->controller()->runTo(haggle::MaxRounds);
                branch->controller()->runTo(haggle::MaxRounds);
                // Each phase: the first second (the compare view opening, or making its new panels: a thousand
                // nodes per graph) apart, then sideBySideSeconds of both runs playing.
                const auto longest
                    = [&] { return gaps.empty() ? 0.0 : double(*std::max_element(gaps.begin(), gaps.end())) / 1e6; };
                const auto phase = [&, original, branch, longest](const char* shown, std::function<void()> next) {
                    gaps.clear();
                    sinceTick.restart();
                    probe.start();
                    QTimer::singleShot(1000, &app, [&, original, branch, longest, shown, next] {
                        const double opening = longest();
                        const int from0 = original->newestRound(), from1 = branch->newestRound();
                        gaps.clear();
                        cpuGaps.clear();
                        QTimer::singleShot(sideBySideSeconds * 1000, &app,
                            [&, original, branch, longest, shown, next, opening, from0, from1] {
                                std::sort(gaps.begin(), gaps.end());
                                std::sort(cpuGaps.begin(), cpuGaps.end());
                                std::printf("side by side, compare view showing %s: making them, longest GUI thread "
                                            "gap %.1f ms; then %d s, rounds %d + %d: longest gap %.1f ms (its CPU "
                                            "%.1f ms), 99th percentile %.1f ms\n",
                                    shown, opening, sideBySideSeconds, original->newestRound() - from0,
                                    branch->newestRound() - from1, longest(), cpuGaps.empty() ? 0.0 : cpuGaps.back(),
                                    gaps.empty() ? 0.0 : double(gaps[gaps.size() * 99 / 100]) / 1e6);
                                std::fflush(stdout);
                                next();
                            });
                    });
                };
                compare->setChartKind(QStringLiteral("reputation"));
                phase("reputation charts", [&, compare, phase] {
                    compare->setChartKind(haggle::ui::CompareWindow::DealGraphs);
                    phase("deal graphs", [&] {
                        probe.stop();
                        window.currentRun()->controller()->pause();
                        QTimer::singleShot(100, &app, &QApplication::quit);
                    });
                });
                return;
            }
            if (scrubSeconds > 0) {
                // Scrubbing: a round asked for every 33 ms; the worker answers the newest request only.
                haggle::ui::Run* run = window.currentRun();
                auto* drag = new QTimer(&app);
                auto* clock = new QElapsedTimer;
                clock->start();
                auto* askedAt = new std::map<int, qint64>; // round -> when it was asked for
                auto* latencies = new std::vector<double>;
                auto* shown = new int(0);
                auto* requests = new int(0);
                auto* pick = new haggle::Rng(11);
                gaps.clear();
                sinceTick.restart();
                probe.start();
                const auto arrivals = QObject::connect(
                    run, &haggle::ui::Run::shownChanged, &app, [run, clock, askedAt, latencies, shown] {
                        if (!run->showsPast())
                            return;
                        ++*shown;
                        if (const auto it = askedAt->find(run->shown().round); it != askedAt->end())
                            latencies->push_back(double(clock->nsecsElapsed() - it->second) / 1e6);
                    });
                QObject::connect(drag, &QTimer::timeout, &app, [run, clock, askedAt, requests, pick] {
                    ++*requests;
                    const int round = int(pick->below(std::uint64_t(std::max(1, run->newestRound()))));
                    askedAt->insert_or_assign(round, clock->nsecsElapsed()); // the latest ask of a round asked twice
                    run->setCursor(round);
                });
                drag->start(33);
                QTimer::singleShot(
                    scrubSeconds * 1000, &app, [&, drag, clock, askedAt, latencies, requests, pick, shown, arrivals] {
                        drag->stop();
                        QObject::disconnect(arrivals); // a past view may still come: what it counts into goes now
                        probe.stop();
                        std::sort(latencies->begin(), latencies->end());
                        std::printf(
                            "scrubbing %d s: %d rounds asked, %d past views shown; from asking to shown: median "
                            "%.1f ms, worst %.1f ms; longest GUI thread gap %.1f ms\n",
                            scrubSeconds, *requests, *shown, latencies->empty() ? 0.0 : median(*latencies),
                            latencies->empty() ? 0.0 : latencies->back(),
                            gaps.empty() ? 0.0 : double(*std::max_element(gaps.begin(), gaps.end())) / 1e6);
                        delete clock;
                        delete askedAt;
                        delete shown;
                        delete latencies;
                        delete requests;
                        delete pick;
                        QTimer::singleShot(100, &app, &QApplication::quit);
                    });
                return;
            }
            if (!layout || !graph) {
                QTimer::singleShot(100, &app, &QApplication::quit);
                return;
            }
            // The layout on its worker thread while the GUI thread keeps ticking: its duration, and the longest
            // gap the GUI thread saw meanwhile (landing the result included).
            auto* layoutClock = new QElapsedTimer;
            layoutClock->start();
            gaps.clear();
            sinceTick.restart();
            probe.start();
            QObject::connect(window.dealGraph(), &haggle::ui::DealGraphView::layoutFinished, &app, [&, layoutClock] {
                probe.stop();
                std::printf("layout by deals of %d agents, %d drawn pairs: %.0f ms in the background; longest GUI "
                            "thread gap meanwhile %.1f ms\n",
                    window.dealGraph()->agentCount(), window.dealGraph()->drawnEdgeCount(),
                    double(layoutClock->nsecsElapsed()) / 1e6,
                    gaps.empty() ? 0.0 : double(*std::max_element(gaps.begin(), gaps.end())) / 1e6);
                delete layoutClock;
                QTimer::singleShot(100, &app, &QApplication::quit);
            });
            window.dealGraph()->arrangeBy(haggle::ui::DealGraphView::Arrangement::Deals);
        });
    };
    QObject::connect(controller, &haggle::ui::SimulationController::snapshot, [&](const auto&) {
        if (roundTarget <= 0 || finished)
            return;
        const int round = controller->round();
        while (nextCheckpoint < checkpoints.size() && round >= checkpoints[nextCheckpoint]) {
            reportMemory(round);
            ++nextCheckpoint;
        }
        if (round >= roundTarget)
            finish();
    });
    bool loaded = false;
    QObject::connect(controller, &haggle::ui::SimulationController::resetDone, [&] {
        if (!loaded)
            return; // the window's own start-up scenario
        // Run to a far horizon (or the round target) so the run lasts the whole measurement.
        controller->runTo(
            roundTarget > 0 ? int(std::min<long long>(roundTarget, haggle::MaxRounds)) : haggle::MaxRounds);
        startRound = controller->round();
        runStarted = true;
        wall.start();
        paintProbe.start();
        if (seconds > 0)
            QTimer::singleShot(seconds * 1000, &app, finish);
    });
    // As a person would: the window is up (shown and painted) before the scenario is opened and run. The opening
    // (a new graph of 1,000 nodes, the tables' resets) is measured with the run; the window's first paint is not.
    QTimer whenShown;
    whenShown.setInterval(10);
    QObject::connect(&whenShown, &QTimer::timeout, [&] {
        if (!window.windowHandle() || !window.windowHandle()->isExposed())
            return;
        whenShown.stop();
        QTimer::singleShot(200, &app, [&] {
            runClock.start();
            sinceTick.start();
            lastTickCpu = threadCpuMs();
            probe.start();
            loaded = true;
            opening = true;
            window.openExample(key);
            window.setSpeed(0); // full speed, whatever the example's presentation asks
        });
    });
    whenShown.start();
    return app.exec();
}
