// GUI responsiveness under load: opens the desktop lab on a scenario (default builtin:market-1000), runs it at full
// speed with the deal graph or the charts on screen, and measures how long the GUI thread is ever kept from its
// event loop (a 5 ms probe timer records the gaps between its ticks). Prints rounds per second, the longest and
// the 99th-percentile gap, frames drawn, and peak memory. A measurement program, not a test: see
// docs/performance.md. Usage: bench_gui [SCENARIO_KEY] [SECONDS] [graph|charts|rounds]
#include "builtinscenarios.h"
#include "chartspanel.h"
#include "dealgraphview.h"
#include "mainwindow.h"
#include "scenariodocument.h"
#include "simulationcontroller.h"

#include <QApplication>
#include <QChartView>
#include <QElapsedTimer>
#include <QTimer>

#include <QChartView>
#include <QElapsedTimer>
#include <algorithm>
#include <cstdio>
#include <sys/resource.h>
#include <vector>

int main(int argc, char* argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const QString key = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral("market-1000");
    const int seconds = argc > 2 ? std::max(1, atoi(argv[2])) : 10;
    const QByteArray view = argc > 3 ? QByteArray(argv[3]) : QByteArray("graph");
    const bool charts = view == "charts";

    haggle::ui::MainWindow window;
    window.askToSave = [](const QString&) { return QMessageBox::Discard; };
    window.showError = [](const QString& title, const QString& text) {
        std::fprintf(stderr, "%s: %s\n", qPrintable(title), qPrintable(text));
    };
    window.resize(1600, 1000);
    window.show();
    window.openExample(key);
    auto* controller = window.controller();
    window.setSpeed(0);
    if (charts)
        window.showView(window.chartsPanel());
    else if (view == "graph")
        window.showView(window.dealGraph());
    else
        window.showView(window.roundsView());

    std::vector<qint64> gaps;
    QElapsedTimer sinceTick;
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    probe.setInterval(5);
    QObject::connect(&probe, &QTimer::timeout, [&] {
        gaps.push_back(sinceTick.nsecsElapsed());
        sinceTick.restart();
    });
    // The cost of drawing the view on screen once (a synchronous repaint), sampled once a second.
    std::vector<qint64> paints;
    QTimer paintProbe;
    paintProbe.setInterval(1000);
    QObject::connect(&paintProbe, &QTimer::timeout, [&] {
        QElapsedTimer t;
        t.start();
        window.refreshViews();
        const qint64 refreshed = t.nsecsElapsed();
        if (charts) {
            for (auto kind : haggle::ui::ChartsPanel::Kinds)
                window.chartsPanel()->view(kind)->viewport()->repaint();
        } else if (view == "graph") {
            window.dealGraph()->viewport()->repaint();
        } else {
            window.roundsView()->repaint();
        }
        paints.push_back(t.nsecsElapsed());
        std::fprintf(stderr, "refresh %.1f ms, refresh + paint %.1f ms\n", double(refreshed) / 1e6,
            double(t.nsecsElapsed()) / 1e6);
    });
    int startRound = 0;
    QElapsedTimer wall;
    QObject::connect(controller, &haggle::ui::SimulationController::resetDone, [&] {
        // Run to a far horizon so the run lasts the whole measurement.
        controller->runTo(haggle::MaxRounds);
        startRound = controller->round();
        wall.start();
        sinceTick.start();
        probe.start();
        paintProbe.start();
        QTimer::singleShot(seconds * 1000, [&] {
            controller->pause();
            probe.stop();
            const int rounds = controller->round() - startRound;
            std::sort(gaps.begin(), gaps.end());
            const double maxMs = gaps.empty() ? 0.0 : double(gaps.back()) / 1e6;
            const double p99Ms = gaps.empty() ? 0.0 : double(gaps[gaps.size() * 99 / 100]) / 1e6;
            rusage usage {};
            getrusage(RUSAGE_SELF, &usage);
            std::printf("scenario: %s (%zu agents), view: %s\n", qPrintable(key),
                window.document()->scenario().agents.size(), view.constData());
            std::printf("rounds: %d in %.1f s = %.1f rounds/s\n", rounds, double(wall.elapsed()) / 1000.0,
                double(rounds) * 1000.0 / double(std::max<qint64>(1, wall.elapsed())));
            std::printf("GUI thread: %zu probe ticks, longest gap %.1f ms, 99th percentile %.1f ms\n", gaps.size(),
                maxMs, p99Ms);
            std::sort(paints.begin(), paints.end());
            if (!paints.empty())
                std::printf("one refresh and repaint of the view: median %.1f ms, worst %.1f ms\n",
                    double(paints[paints.size() / 2]) / 1e6, double(paints.back()) / 1e6);
            std::printf("peak memory (max RSS): %.0f MB\n", double(usage.ru_maxrss) / 1024.0);
            QTimer::singleShot(200, &app, &QApplication::quit);
        });
    });
    return app.exec();
}
