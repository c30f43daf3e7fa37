// The Experiments window's sweeps: opening a sweep, running it, and opening a clicked setting in the lab (see
// experimentwindow.h). The window's layout and the experiments' runs are in experimentwindow.cpp.
#include "experimentwindow.h"

#include "chartbuilder.h"
#include "experimentrunner.h"
#include "scenariofile.h"
#include "sweep.h"
#include "sweepeditor.h"
#include "sweepexperiment.h"

#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QLocale>
#include <QMetaObject>
#include <QProgressBar>
#include <QSpinBox>
#include <QTableView>
#include <QtCharts/QAreaSeries>
#include <QtCharts/QBoxPlotSeries>
#include <QtCharts/QChart>
#include <QtCharts/QChartView>
#include <QtCharts/QXYSeries>

#include <cmath>

namespace haggle::ui {

bool ExperimentWindow::sweepSelected() const
{
    return selectedRules() == QLatin1String(SweepGroup);
}

void ExperimentWindow::setLabScenario(const Scenario& scenario, const QString& name)
{
    m_sweepEditor->setLabScenario(nlohmann::json::parse(lab::scenarioToJson(scenario)), name);
    m_labEndpoint = scenario.llm;
}

bool ExperimentWindow::openSweep(const QString& source, QString* error)
{
    if (source.startsWith(u"builtin:")) {
        if (selectExperiment(QString::fromLatin1(SweepGroup), source.mid(8)))
            return true;
        if (error)
            *error = QStringLiteral("%1: no such built-in sweep").arg(source);
        return false;
    }
    QString problem;
    if (!m_sweepEditor->loadFile(source, &problem)) {
        if (error)
            *error = problem;
        return false;
    }
    m_loadedSweep = QString(); // shown under "New sweep", which keeps it until another entry is chosen
    selectExperiment(QString::fromLatin1(SweepGroup), QString());
    return true;
}

void ExperimentWindow::runSweep()
{
    std::shared_ptr<const lab::SweepPlan> plan;
    try {
        plan = m_sweepEditor->plan();
    } catch (const lab::SweepFileError& e) {
        m_status->setText(
            QStringLiteral("Cannot run: %1%2")
                .arg(e.path().empty() ? QString() : QString::fromStdString(e.path()) + QStringLiteral(": "),
                    QString::fromStdString(e.message())));
        return;
    }
    const QString file = m_sweepEditor->resultsFile(plan->spec());
    if (const QString folder = QFileInfo(file).absolutePath(); !QDir().mkpath(folder)) {
        m_status->setText(
            QStringLiteral("Cannot run: cannot create the folder %1").arg(QDir::toNativeSeparators(folder)));
        return;
    }
    clearResult();
    m_sweepRun = true;
    m_sweepPlan = plan;
    m_sweepFile = file;
    m_runName = QStringLiteral("Sweep '%1'").arg(QString::fromStdString(plan->spec().name));
    lab::ExperimentContext context;
    context.threads = m_threads->value();
    m_progress->setValue(0);
    m_clock.start();
    if (!m_runner->start(std::make_unique<lab::SweepExperiment>(plan, file.toStdString()), std::move(context))) {
        m_status->setText(QStringLiteral("A run is still ending; try again in a moment."));
        return;
    }
    setState(State::Running,
        QStringLiteral("Running %1: %2 runs into %3...")
            .arg(m_runName)
            .arg(QLocale().toString(static_cast<qlonglong>(plan->runCount())), QDir::toNativeSeparators(file)));
}

bool ExperimentWindow::openSetting(int setting)
{
    if (!m_sweepPlan || setting < 0 || setting >= m_sweepPlan->settingCount())
        return false;
    const lab::SweepRunId first = m_sweepPlan->runId(static_cast<std::int64_t>(setting) * m_sweepPlan->spec().trials);
    const QString label = QString::fromStdString(m_sweepPlan->label(setting));
    const QString name = QStringLiteral("%1: %2").arg(QString::fromStdString(m_sweepPlan->spec().name), label);
    // Named for the setting, so the banner and the Name field do not describe the base scenario's values; its own
    // "what to watch" is the base's too, and goes.
    Scenario scenario = m_sweepPlan->scenario(first);
    scenario.description = QStringLiteral("Setting %1 of the sweep '%2' (%3), with trial 0's seed %4. The base: %5")
                               .arg(setting)
                               .arg(QString::fromStdString(m_sweepPlan->spec().name), label)
                               .arg(scenario.seed)
                               .arg(QString::fromStdString(scenario.name))
                               .toStdString();
    scenario.name = name.toStdString();
    scenario.presentation.watch.clear();
    emit openScenario(scenario, name);
    m_status->setText(QStringLiteral("Opened setting %1 (%2, trial 0's seed) in the lab.").arg(setting).arg(label));
    return true;
}

void ExperimentWindow::openSettingLater(int setting)
{
    // Not from inside the chart's or table's signal: opening may ask to save (a dialog with an event loop of its
    // own), and a live refresh meanwhile replaces the chart or table that is still emitting.
    QMetaObject::invokeMethod(
        this, [this, setting] { openSetting(setting); }, Qt::QueuedConnection);
}

void ExperimentWindow::connectSettingClicks()
{
    if (!m_sweepRun || !m_sweepPlan)
        return;
    const lab::SweepSpec& spec = m_sweepPlan->spec();
    // One axis (or paired ones): points and boxes lie along the first axis, one setting per value.
    const auto nearestSetting = [this](double x) {
        int best = -1;
        double distance = 0.0;
        for (int s = 0; s < m_sweepPlan->settingCount(); ++s) {
            const auto& v = m_sweepPlan->values(s).front();
            if (!v.is_number())
                continue;
            const double d = std::abs(v.get<double>() - x);
            if (best < 0 || d < distance) {
                best = s;
                distance = d;
            }
        }
        return best;
    };
    const int columns = spec.axes.size() == 2 && spec.combine == lab::SweepCombine::Factorial
        ? static_cast<int>(spec.axes[1].values.size())
        : 0;
    for (QChartView* view : chartViews()) {
        if (!view->objectName().startsWith(u"sweep-"))
            continue;
        view->setToolTip(QStringLiteral("Click a %1 to open its setting in the lab")
                             .arg(columns ? QStringLiteral("cell") : QStringLiteral("point")));
        for (QAbstractSeries* series : view->chart()->series()) {
            const QVariant cell = series->property(charts::HeatmapCellProperty);
            if (cell.isValid() && columns > 0) {
                const QPoint at = cell.toPoint();
                connect(static_cast<QAreaSeries*>(series), &QAreaSeries::clicked, this,
                    [this, at, columns] { openSettingLater(at.y() * columns + at.x()); });
            } else if (auto* xy = qobject_cast<QXYSeries*>(series)) {
                connect(xy, &QXYSeries::clicked, this,
                    [this, nearestSetting](const QPointF& point) { openSettingLater(nearestSetting(point.x())); });
            } else if (auto* area = qobject_cast<QAreaSeries*>(series)) {
                connect(area, &QAreaSeries::clicked, this,
                    [this, nearestSetting](const QPointF& point) { openSettingLater(nearestSetting(point.x())); });
            } else if (auto* boxes = qobject_cast<QBoxPlotSeries*>(series)) {
                connect(boxes, &QBoxPlotSeries::clicked, this,
                    [this, boxes](QBoxSet* box) { openSettingLater(static_cast<int>(boxes->boxSets().indexOf(box))); });
            }
        }
    }
    for (QTableView* view : tableViews()) {
        connect(view, &QTableView::doubleClicked, this, [this, view](const QModelIndex& index) {
            const QAbstractItemModel* model = view->model();
            for (int c = 0; c < model->columnCount(); ++c) {
                if (model->headerData(c, Qt::Horizontal).toString() == u"setting") {
                    openSettingLater(model->index(index.row(), c).data(Qt::UserRole).toInt());
                    return;
                }
            }
        });
        view->setToolTip(QStringLiteral("Double-click a row to open its setting in the lab"));
    }
}

} // namespace haggle::ui
