// The Experiments window: see experimentwindow.h.
#include "experimentwindow.h"

#include "chartbuilder.h"
#include "chartcatalog.h"
#include "experimentrunner.h"
#include "kindeditor.h"
#include "llmconnection.h"
#include "llmexperiments.h"
#include "outputwriter.h"
#include "prototype/prototypecatalog.h"
#include "qtext.h"
#include "resulttablemodel.h"
#include "scenariofile.h"
#include "serieschart.h"
#include "sweep.h"
#include "sweepeditor.h"
#include "sweepexperiment.h"
#include "sweepstore.h"
#include "wheelguard.h"

#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeySequence>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QScreen>
#include <QScrollArea>
#include <QShortcut>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableView>
#include <QTextBrowser>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QtCharts/QAreaSeries>
#include <QtCharts/QBoxPlotSeries>
#include <QtCharts/QChart>
#include <QtCharts/QChartView>
#include <QtCharts/QXYSeries>

#include <thread>

namespace haggle::ui {

namespace {

constexpr int RulesRole = Qt::UserRole;
constexpr int NameRole = Qt::UserRole + 1;
constexpr int ProgressSteps = 1000;

QString rulesTitle(const QString& rules)
{
    return rules == u"prototype" ? QStringLiteral("Prototype rules") : QStringLiteral("Haggle rules");
}

QString cellHtml(const lab::Cell& cell)
{
    if (lab::isNull(cell))
        return QStringLiteral("-");
    if (const auto* s = std::get_if<std::string>(&cell))
        return QString::fromStdString(*s).toHtmlEscaped();
    if (const auto* i = std::get_if<long long>(&cell))
        return QString::number(*i);
    return QString::number(lab::cellNumber(cell), 'g', 6);
}

QChartView* chartView(QChart* chart)
{
    auto* view = new QChartView(chart);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumSize(360, 260);
    return view;
}

} // namespace

ExperimentWindow::ExperimentWindow(QWidget* parent)
    : QDialog(parent)
    , m_list(new QTreeWidget)
    , m_title(new QLabel)
    , m_description(new QLabel)
    , m_parameters(new KindEditor({}))
    , m_noParameters(new QLabel(QStringLiteral("No parameters.")))
    , m_editors(new QStackedWidget)
    , m_parametersPage(nullptr)
    , m_sweepEditor(new SweepEditor)
    , m_trials(new QSpinBox)
    , m_threads(new QSpinBox)
    , m_runForm(new QFormLayout)
    , m_run(new QPushButton(QStringLiteral("&Run")))
    , m_cancel(new QPushButton(QStringLiteral("&Cancel Run")))
    , m_export(new QPushButton(QStringLiteral("&Export...")))
    , m_progress(new QProgressBar)
    , m_status(new QLabel)
    , m_results(new QTabWidget)
    , m_findings(new QTextBrowser)
    , m_tables(new QTabWidget)
    , m_charts(new QTabWidget)
    , m_runner(new ExperimentRunner(this))
{
    WheelGuard::install(); // scrolling the parameters never changes one
    setWindowTitle(QStringLiteral("Experiments - Haggle"));
    setObjectName(QStringLiteral("experimentWindow"));
    setSizeGripEnabled(true);
    setWindowFlag(Qt::WindowMaximizeButtonHint);
    setWhatsThis(QStringLiteral("Runs the lab's experiments as haggle-cli experiment does: choose one, set its "
                                "parameters, trials and threads, and Run (Ctrl+Return). The findings, tables and "
                                "charts appear on the right; Export... writes the files of --out."));

    // Left: the catalogs, the chosen experiment and how to run it.
    m_list->setHeaderHidden(true);
    m_list->setObjectName(QStringLiteral("experimentList"));
    m_list->setRootIsDecorated(true);
    m_title->setObjectName(QStringLiteral("experimentTitle"));
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.15);
    m_title->setFont(titleFont);
    m_description->setWordWrap(true);
    m_description->setObjectName(QStringLiteral("experimentDescription"));
    m_description->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_parameters->chooser()->hide(); // the list chooses
    m_noParameters->setEnabled(false);

    auto* parametersBox = new QGroupBox(QStringLiteral("Parameters"));
    auto* parametersLayout = new QVBoxLayout(parametersBox);
    parametersLayout->addWidget(m_parameters);
    parametersLayout->addWidget(m_noParameters);
    auto* parametersScroll = new QScrollArea;
    parametersScroll->setWidget(parametersBox);
    parametersScroll->setWidgetResizable(true);
    parametersScroll->setFrameShape(QFrame::NoFrame);

    m_trials->setRange(0, lab::MaxTrials);
    m_trials->setSpecialValueText(QStringLiteral("The experiment's own"));
    m_trials->setToolTip(QStringLiteral("Trials of every multi-trial part (haggle-cli --trials); 0: each part's own"));
    m_trials->setObjectName(QStringLiteral("trials"));
    m_threads->setRange(0, 1024);
    m_threads->setSpecialValueText(
        QStringLiteral("One per core (%1)").arg(std::max(1u, std::thread::hardware_concurrency())));
    m_threads->setToolTip(
        QStringLiteral("Worker threads (haggle-cli --threads); the numbers are the same for any count"));
    m_threads->setObjectName(QStringLiteral("threads"));
    auto* runForm = m_runForm;
    runForm->addRow(QStringLiteral("Override &trials:"), m_trials);
    runForm->addRow(QStringLiteral("Threads:"), m_threads); // its H is the Charts tab's

    m_run->setToolTip(QStringLiteral("Run the experiment (Ctrl+Return)"));
    m_cancel->setToolTip(QStringLiteral("Stop the run at its next trial"));
    m_export->setToolTip(QStringLiteral("Write the result's files to a folder, as haggle-cli experiment --out does"));
    for (QPushButton* b : { m_run, m_cancel, m_export }) {
        b->setAutoDefault(false); // Return in a spin box must not run or export
        b->setDefault(false);
    }
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_run);
    buttons->addWidget(m_cancel);
    m_progress->setRange(0, ProgressSteps);
    m_progress->setValue(0);
    m_progress->setTextVisible(true);
    m_status->setWordWrap(true);
    m_status->setObjectName(QStringLiteral("experimentStatus"));
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* left = new QWidget;
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_list, 2);
    leftLayout->addWidget(m_title);
    leftLayout->addWidget(m_description);
    auto* sweepScroll = new QScrollArea;
    sweepScroll->setWidget(m_sweepEditor);
    sweepScroll->setWidgetResizable(true);
    sweepScroll->setFrameShape(QFrame::NoFrame);
    sweepScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff); // the form narrows with the pane
    m_parametersPage = parametersScroll;
    m_editors->addWidget(parametersScroll);
    m_editors->addWidget(sweepScroll);
    leftLayout->addWidget(m_editors, 3);
    leftLayout->addLayout(runForm);
    leftLayout->addLayout(buttons);
    leftLayout->addWidget(m_progress);
    leftLayout->addWidget(m_status);

    // Right: what the last run found.
    m_findings->setOpenExternalLinks(false);
    m_findings->setObjectName(QStringLiteral("findings"));
    m_tables->setDocumentMode(true);
    m_tables->setUsesScrollButtons(true);
    m_charts->setDocumentMode(true);
    m_charts->setUsesScrollButtons(true);
    m_charts->setElideMode(Qt::ElideNone); // whole names, with scroll buttons: elided ones all read "al..."
    m_tables->setElideMode(Qt::ElideNone);
    m_results->addTab(m_findings, QStringLiteral("&Findings"));
    m_results->addTab(m_tables, QStringLiteral("T&ables"));
    m_results->addTab(m_charts, QStringLiteral("C&harts"));
    auto* close = new QPushButton(QStringLiteral("Close"));
    close->setAutoDefault(false);
    auto* bottom = new QHBoxLayout;
    bottom->addStretch();
    bottom->addWidget(m_export);
    bottom->addWidget(close);
    auto* right = new QWidget;
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(m_results);
    rightLayout->addLayout(bottom);

    auto* splitter = new QSplitter(Qt::Horizontal);
    splitter->addWidget(left);
    splitter->addWidget(right);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);
    splitter->setSizes({ 400, 780 });
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(splitter);

    buildList();
    connect(m_list, &QTreeWidget::currentItemChanged, this, [this] { showSelected(); });
    // The sweep editor also changes while an experiment is shown (the lab's scenario reaches it): only a sweep shown
    // takes its name as the heading.
    connect(m_sweepEditor, &SweepEditor::edited, this, [this] {
        if (sweepSelected())
            m_title->setText(QStringLiteral("%1 (sweep)").arg(m_sweepEditor->sweepName()));
    });
    connect(m_run, &QPushButton::clicked, this, &ExperimentWindow::run);
    connect(m_cancel, &QPushButton::clicked, this, &ExperimentWindow::cancel);
    connect(m_export, &QPushButton::clicked, this, &ExperimentWindow::exportResult);
    connect(close, &QPushButton::clicked, this, &ExperimentWindow::reject);
    for (const QKeySequence& keys : { QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter) })
        connect(new QShortcut(keys, this), &QShortcut::activated, this, &ExperimentWindow::run);

    connect(m_runner, &ExperimentRunner::progress, this, &ExperimentWindow::showProgress);
    connect(m_runner, &ExperimentRunner::finished, this, [this](std::shared_ptr<const lab::ExperimentResult> r) {
        const double seconds = static_cast<double>(m_clock.elapsed()) / 1000.0;
        m_progress->setValue(ProgressSteps);
        showResult(std::move(r));
        if (m_sweepRun)
            setState(State::Finished,
                QStringLiteral("%1 finished in %2 s; results in %3.")
                    .arg(m_runName)
                    .arg(seconds, 0, 'f', 1)
                    .arg(QDir::toNativeSeparators(m_sweepFile)));
        else
            setState(State::Finished, QStringLiteral("%1 finished in %2 s.").arg(m_runName).arg(seconds, 0, 'f', 1));
    });
    connect(m_runner, &ExperimentRunner::partialResult, this,
        [this](std::shared_ptr<const lab::ExperimentResult> r) { showResult(std::move(r)); });
    connect(m_runner, &ExperimentRunner::cancelled, this, [this] {
        if (m_sweepRun) {
            const auto stored = m_result ? m_result->finding("complete") : nullptr;
            setState(State::Cancelled,
                QStringLiteral("%1 cancelled: %2 of %3 runs are kept in %4; Run again to finish it.")
                    .arg(m_runName)
                    .arg(stored ? lab::cellNumber(stored->value("stored")) : 0.0, 0, 'f', 0)
                    .arg(stored ? lab::cellNumber(stored->value("runs")) : 0.0, 0, 'f', 0)
                    .arg(QDir::toNativeSeparators(m_sweepFile)));
            return;
        }
        m_progress->setValue(0);
        setState(State::Cancelled, QStringLiteral("%1 cancelled: nothing was kept from this run.").arg(m_runName));
    });
    connect(m_runner, &ExperimentRunner::failed, this, [this](const QString& message) {
        m_progress->setValue(0);
        setState(State::Failed, QStringLiteral("%1 failed: %2").arg(m_runName, message));
    });

    selectExperiment(QStringLiteral("haggle"), QStringLiteral("handshake"));
    m_findings->setPlaceholderText(QStringLiteral("Run an experiment (Ctrl+Return): its findings appear here, its "
                                                  "tables and charts in the next tabs."));
    setState(State::Idle, QStringLiteral("Choose an experiment and Run (Ctrl+Return)."));
    // Large enough for a chart beside the controls, within the screen it opens on.
    QSize size(1180, 760);
    if (const QScreen* screen = parent ? parent->screen() : QGuiApplication::primaryScreen())
        size = size.boundedTo(screen->availableGeometry().size() * 0.92);
    resize(size);
}

ExperimentWindow::~ExperimentWindow() = default; // the runner cancels and waits for its thread

lab::ExperimentCatalog* ExperimentWindow::catalogOf(const QString& rules) const
{
    if (rules == u"haggle")
        return &lab::experimentCatalog();
    if (rules == u"prototype")
        return &lab::prototypeExperimentCatalog();
    return nullptr;
}

void ExperimentWindow::buildList()
{
    for (const QString& rules : { QStringLiteral("haggle"), QStringLiteral("prototype") }) {
        auto* group = new QTreeWidgetItem(m_list, { rulesTitle(rules) });
        group->setFlags(Qt::ItemIsEnabled);
        QFont bold = group->font(0);
        bold.setBold(true);
        group->setFont(0, bold);
        for (const auto& entry : catalogOf(rules)->entries()) {
            auto* item = new QTreeWidgetItem(group, { toQString(entry.info.name) });
            item->setData(0, RulesRole, rules);
            item->setData(0, NameRole, toQString(entry.info.name));
            item->setToolTip(0, toQString(entry.info.description));
        }
        group->setExpanded(true);
    }
    auto* sweeps = new QTreeWidgetItem(m_list, { QStringLiteral("Sweeps") });
    sweeps->setFlags(Qt::ItemIsEnabled);
    QFont bold = sweeps->font(0);
    bold.setBold(true);
    sweeps->setFont(0, bold);
    auto* fresh = new QTreeWidgetItem(sweeps, { QStringLiteral("New sweep of the lab's scenario") });
    fresh->setData(0, RulesRole, QString::fromLatin1(SweepGroup));
    fresh->setData(0, NameRole, QString());
    fresh->setToolTip(0, QStringLiteral("Vary parameters of the scenario open in the lab over ranges, with trials"));
    for (const auto& sweep : lab::builtinSweeps()) {
        QString title = toQString(sweep.key);
        QString tip;
        try {
            const lab::SweepSpec spec = lab::parseSweep(sweep.json, "builtin:" + std::string(sweep.key), {});
            title = QString::fromStdString(spec.name);
            tip = QString::fromStdString(spec.description);
        } catch (const std::exception& e) {
            tip = QString::fromStdString(e.what());
        }
        auto* item = new QTreeWidgetItem(sweeps, { title });
        item->setData(0, RulesRole, QString::fromLatin1(SweepGroup));
        item->setData(0, NameRole, toQString(sweep.key));
        item->setToolTip(0, tip);
    }
    sweeps->setExpanded(true);
}

bool ExperimentWindow::selectExperiment(const QString& rules, const QString& name)
{
    for (int g = 0; g < m_list->topLevelItemCount(); ++g) {
        QTreeWidgetItem* group = m_list->topLevelItem(g);
        for (int i = 0; i < group->childCount(); ++i) {
            QTreeWidgetItem* item = group->child(i);
            if (item->data(0, RulesRole).toString() == rules && item->data(0, NameRole).toString() == name) {
                m_list->setCurrentItem(item);
                showSelected();
                return true;
            }
        }
    }
    return false;
}

QString ExperimentWindow::selectedRules() const
{
    const QTreeWidgetItem* item = m_list->currentItem();
    return item ? item->data(0, RulesRole).toString() : QString();
}

QString ExperimentWindow::selectedName() const
{
    const QTreeWidgetItem* item = m_list->currentItem();
    return item ? item->data(0, NameRole).toString() : QString();
}

void ExperimentWindow::setTrials(int trials)
{
    m_trials->setValue(trials);
}

void ExperimentWindow::setThreads(int threads)
{
    m_threads->setValue(threads);
}

void ExperimentWindow::showSelected()
{
    const QString rules = selectedRules();
    const bool sweep = sweepSelected();
    m_editors->setCurrentIndex(sweep ? 1 : 0);
    m_runForm->setRowVisible(m_trials, !sweep); // a sweep has its own trials
    if (sweep) {
        const QString key = selectedName();
        if (key != m_loadedSweep) {
            m_loadedSweep = key;
            if (key.isEmpty()) {
                m_sweepEditor->newSweep();
            } else {
                for (const auto& s : lab::builtinSweeps()) {
                    QString error;
                    if (toQString(s.key) == key
                        && !m_sweepEditor->loadText(std::string(s.json), u"builtin:" + key, &error))
                        m_status->setText(error);
                }
            }
        }
        m_title->setText(QStringLiteral("%1 (sweep)").arg(m_sweepEditor->sweepName()));
        m_description->setText(m_sweepEditor->description()
            + QStringLiteral(" Runs are stored as they finish; Run again after a cancel resumes."));
        return;
    }
    const lab::ExperimentCatalog* catalog = catalogOf(rules);
    const KindInfo* info = catalog ? catalog->info(selectedName().toStdString()) : nullptr;
    if (!info) {
        m_title->setText(QStringLiteral("No experiment chosen"));
        m_description->clear();
        m_parameters->hide();
        m_noParameters->hide();
        return;
    }
    m_title->setText(QStringLiteral("%1 (%2)").arg(toQString(info->name), rulesTitle(rules)));
    m_description->setText(toQString(info->description));
    m_parameters->setKinds(catalog->infos());
    m_parameters->setSpec({ std::string(info->name), {} });
    m_parameters->setVisible(!info->params.empty());
    m_noParameters->setVisible(info->params.empty());
    // The prototype fixes its trials and seeds as it published them (haggle-cli refuses --trials there too).
    const bool prototype = rules == u"prototype";
    m_trials->setEnabled(!prototype && !isRunning());
    m_trials->setToolTip(prototype
            ? QStringLiteral("The prototype's experiments fix their trials, as the prototype did")
            : QStringLiteral("Trials of every multi-trial part (haggle-cli --trials); 0: each "
                             "part's own"));
}

QString ExperimentWindow::statusText() const
{
    return m_status->text();
}

QString ExperimentWindow::findingsText() const
{
    return m_findings->toPlainText();
}

QList<QTableView*> ExperimentWindow::tableViews() const
{
    QList<QTableView*> views;
    for (int i = 0; i < m_tables->count(); ++i) {
        if (auto* view = qobject_cast<QTableView*>(m_tables->widget(i)))
            views << view;
    }
    return views;
}

QList<QChartView*> ExperimentWindow::chartViews() const
{
    QList<QChartView*> views;
    for (int i = 0; i < m_charts->count(); ++i) {
        if (auto* view = qobject_cast<QChartView*>(m_charts->widget(i)))
            views << view;
    }
    return views;
}

void ExperimentWindow::setState(State state, const QString& status)
{
    m_state = state;
    const bool running = state == State::Running;
    m_run->setEnabled(!running);
    m_cancel->setEnabled(running);
    m_list->setEnabled(!running);
    m_parameters->setEnabled(!running);
    m_sweepEditor->setEnabled(!running);
    m_trials->setEnabled(!running && selectedRules() != u"prototype");
    m_threads->setEnabled(!running);
    m_export->setEnabled(!running && m_result != nullptr);
    m_status->setText(status);
    QPalette palette = m_status->palette();
    palette.setColor(QPalette::WindowText,
        state == State::Failed ? QColor(0xb0, 0x00, 0x20) : QApplication::palette().color(QPalette::WindowText));
    m_status->setPalette(palette);
    if (state == State::Failed) {
        // The error where the findings would be, so it is not missed.
        m_findings->setHtml(QStringLiteral("<h3>%1 failed</h3><p style='color:#b00020'>%2</p>")
                                .arg(m_runName.toHtmlEscaped(), status.toHtmlEscaped()));
        m_results->setCurrentWidget(m_findings);
    }
    if (state != State::Running)
        emit runEnded();
}

void ExperimentWindow::run()
{
    if (isRunning()) {
        m_status->setText(QStringLiteral("%1 is running; Cancel it first.").arg(m_runName));
        return;
    }
    if (sweepSelected()) {
        runSweep();
        return;
    }
    const QString rules = selectedRules();
    lab::ExperimentCatalog* catalog = catalogOf(rules);
    const std::string name = selectedName().toStdString();
    if (!catalog || !catalog->find(name)) {
        m_status->setText(QStringLiteral("Choose an experiment first."));
        return;
    }
    const ParameterValues given = m_parameters->spec().params;
    if (const auto problem = catalog->validate(name, given)) {
        m_status->setText(QStringLiteral("Cannot run: %1").arg(QString::fromStdString(problem->message)));
        return;
    }
    lab::ExperimentContext context;
    if (m_trials->value() > 0 && rules != u"prototype")
        context.trials = m_trials->value();
    context.threads = m_threads->value();
    std::unique_ptr<lab::Experiment> experiment;
    m_runName = QStringLiteral("%1 (%2)").arg(selectedName(), rulesTitle(rules));
    try {
        experiment = catalog->make(name, given);
    } catch (const std::exception& e) {
        setState(State::Failed, QStringLiteral("%1 failed: %2").arg(m_runName, QString::fromStdString(e.what())));
        return;
    }
    QString endpoint;
    if (rules != u"prototype" && lab::asksLanguageModel(name)) {
        context.languageModel = experimentLanguageModel(QString::fromStdString(name), m_labEndpoint);
        const LanguageModelSettings used = m_labEndpoint.value_or(LanguageModelSettings {});
        endpoint = QStringLiteral(" against %1 at %2")
                       .arg(QString::fromStdString(used.model), QString::fromStdString(used.baseUrl));
    }
    clearResult();
    m_sweepRun = false;
    m_progress->setValue(0);
    m_clock.start();
    if (!m_runner->start(std::move(experiment), std::move(context))) {
        m_status->setText(QStringLiteral("A run is still ending; try again in a moment."));
        return;
    }
    setState(State::Running, QStringLiteral("Running %1%2...").arg(m_runName, endpoint));
}

void ExperimentWindow::cancel()
{
    if (!isRunning())
        return;
    m_runner->cancel();
    m_cancel->setEnabled(false);
    m_status->setText(QStringLiteral("Cancelling %1 at its next trial...").arg(m_runName));
}

void ExperimentWindow::reject()
{
    cancel();
    QDialog::reject();
}

void ExperimentWindow::showProgress(double fraction, const QString& stage)
{
    if (!isRunning())
        return;
    m_progress->setValue(static_cast<int>(std::clamp(fraction, 0.0, 1.0) * ProgressSteps));
    if (m_cancel->isEnabled()) // not while cancelling: that line stays
        m_status->setText(QStringLiteral("Running %1: %2").arg(m_runName, stage));
}

void ExperimentWindow::clearResult()
{
    m_result.reset();
    m_findings->clear();
    while (m_tables->count() > 0) {
        QWidget* w = m_tables->widget(0);
        m_tables->removeTab(0);
        w->deleteLater();
    }
    while (m_charts->count() > 0) {
        QWidget* w = m_charts->widget(0);
        m_charts->removeTab(0);
        w->deleteLater();
    }
}

void ExperimentWindow::showResult(std::shared_ptr<const lab::ExperimentResult> result)
{
    // A live update (a sweep's report as it fills) keeps the tabs the user is looking at.
    const int resultsTab = m_results->currentIndex(), tablesTab = m_tables->currentIndex(),
              chartsTab = m_charts->currentIndex();
    const bool update = m_result && result && m_result->experiment == result->experiment;
    clearResult();
    m_result = std::move(result);
    const lab::ExperimentResult& r = *m_result;

    // Findings: each statement (with whether its claim holds), what it ran with, and the transcript if it prints one.
    QString html = QStringLiteral("<h3>%1</h3>").arg(QString::fromStdString(r.title).toHtmlEscaped());
    QStringList parameters;
    for (const auto& p : r.parameters)
        parameters << QStringLiteral("%1 %2").arg(QString::fromStdString(p.name).toHtmlEscaped(), cellHtml(p.value));
    html += QStringLiteral("<p style='color:#555'>%1; ran with %2.</p>")
                .arg(rulesTitle(QString::fromStdString(r.rules)), parameters.join(QStringLiteral(", ")));
    if (r.findings.empty())
        html += QStringLiteral("<p>No findings stated.</p>");
    else
        html += QStringLiteral("<ul>");
    for (const auto& f : r.findings) {
        QString mark;
        if (f.holds)
            mark = *f.holds ? QStringLiteral("<b style='color:#1b7a1b'>holds</b> ")
                            : QStringLiteral("<b style='color:#b00020'>does not hold</b> ");
        html += QStringLiteral("<li style='margin-bottom:6px'>%1%2</li>")
                    .arg(mark, QString::fromStdString(f.statement).toHtmlEscaped());
    }
    if (!r.findings.empty())
        html += QStringLiteral("</ul>");
    if (!r.transcript.empty())
        html += QStringLiteral("<h4>Transcript</h4><pre>%1</pre>")
                    .arg(QString::fromStdString(r.transcript).toHtmlEscaped());
    m_findings->setHtml(html);

    // Tables: one view each, sortable by value.
    for (const auto& table : r.tables) {
        auto* view = new QTableView;
        auto* model = new ResultTableModel(table, view);
        auto* proxy = new QSortFilterProxyModel(view);
        proxy->setSourceModel(model);
        proxy->setSortRole(Qt::UserRole);
        view->setModel(proxy);
        view->setSortingEnabled(true);
        view->sortByColumn(-1, Qt::AscendingOrder); // the experiment's order until a header is clicked
        view->setAlternatingRowColors(true);
        view->setSelectionBehavior(QAbstractItemView::SelectRows);
        view->horizontalHeader()->setStretchLastSection(true);
        view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 6);
        if (table.rows.size() <= 500)
            view->resizeColumnsToContents();
        view->setObjectName(QString::fromStdString(table.name));
        const QString title = QString::fromStdString(table.title.empty() ? table.name : table.title);
        const int tab = m_tables->addTab(view, QString::fromStdString(table.name));
        m_tables->setTabToolTip(tab,
            QStringLiteral("%1 (%2 rows; %3.csv)")
                .arg(title)
                .arg(table.rows.size())
                .arg(QString::fromStdString(table.name)));
    }

    // Charts: each series as haggle-cli draws it, then each exported run's charts from the chart catalog.
    for (const auto& series : r.series) {
        QChartView* view = chartView(charts::makeSeriesChart(series));
        view->setObjectName(QString::fromStdString(series.name));
        // Tabs by file stem (as Export... names the files): titles share long prefixes and would be elided alike.
        const int tab = m_charts->addTab(view, QString::fromStdString(series.name));
        m_charts->setTabToolTip(tab,
            QStringLiteral("%1 (%2.png)")
                .arg(QString::fromStdString(series.title), QString::fromStdString(series.name)));
    }
    for (const auto& run : r.runs) {
        const QString runTitle = QString::fromStdString(run.title);
        const charts::ChartInput input = charts::runChartInput(run.run, runTitle);
        for (const auto& kind : charts::chartCatalog().entries()) {
            const std::unique_ptr<charts::ChartKind> chart = kind.make(Parameters(kind.info, {}));
            chart->update(input);
            QChartView* view = chartView(chart->release().release());
            const QString stem = QString::fromStdString(run.name) + u'-' + charts::chartKindName(kind);
            view->setObjectName(stem);
            const int tab = m_charts->addTab(view, stem);
            m_charts->setTabToolTip(tab, QStringLiteral("%1 (%2.png)").arg(view->chart()->title(), stem));
        }
    }
    m_results->setTabText(1, QStringLiteral("T&ables (%1)").arg(m_tables->count()));
    m_results->setTabText(2, QStringLiteral("C&harts (%1)").arg(m_charts->count()));
    if (update) {
        m_results->setCurrentIndex(resultsTab);
        m_tables->setCurrentIndex(std::min(tablesTab, m_tables->count() - 1));
        m_charts->setCurrentIndex(std::min(chartsTab, m_charts->count() - 1));
    } else if (m_sweepRun && m_charts->count() > 0) {
        m_results->setCurrentIndex(2); // a sweep is watched in its charts
    }
    connectSettingClicks();
}

bool ExperimentWindow::exportTo(const QString& directory, QString* error, int* files)
{
    if (!m_result) {
        if (error)
            *error = QStringLiteral("there is no result to export; run an experiment first");
        return false;
    }
    // haggle-cli's defaults: --chart-size 1280x800, --scale 1.
    charts::OutputWriter writer(directory, QSize(1280, 800), 1.0);
    const charts::Provenance stamp = charts::Provenance::ofExperiment(
        QString::fromStdString(m_result->experiment), QStringLiteral(HAGGLE_VERSION));
    writer.setProvenance(QStringLiteral(HAGGLE_VERSION), stamp);
    if (writer.prepare())
        writer.writeExperiment(*m_result);
    if (files)
        *files = static_cast<int>(writer.written().size());
    if (!writer.ok()) {
        if (error)
            *error = writer.error();
        return false;
    }
    // A sweep's results file beside its report: the runs themselves, for sqlite3 and pandas.
    if (m_sweepRun && !m_sweepFile.isEmpty() && !isRunning()) {
        const QString target = QDir(directory).filePath(QFileInfo(m_sweepFile).fileName());
        if (QFileInfo(target).absoluteFilePath() != QFileInfo(m_sweepFile).absoluteFilePath()) {
            QFile::remove(target);
            if (!QFile::copy(m_sweepFile, target)) {
                if (error)
                    *error = QStringLiteral("cannot copy %1 to %2")
                                 .arg(QDir::toNativeSeparators(m_sweepFile), QDir::toNativeSeparators(target));
                return false;
            }
        }
        if (files)
            ++*files;
    }
    return true;
}

void ExperimentWindow::exportResult()
{
    if (!m_result)
        return;
    const QString start = m_lastExportDirectory.isEmpty() ? QDir::homePath() : m_lastExportDirectory;
    const QString directory = QFileDialog::getExistingDirectory(
        this, QStringLiteral("Export %1 to a folder").arg(QString::fromStdString(m_result->experiment)), start);
    if (directory.isEmpty())
        return;
    m_lastExportDirectory = directory;
    QApplication::setOverrideCursor(Qt::WaitCursor);
    QString error;
    int files = 0;
    const bool ok = exportTo(directory, &error, &files);
    QApplication::restoreOverrideCursor();
    m_status->setText(ok ? QStringLiteral("Wrote %1 files to %2.").arg(files).arg(QDir::toNativeSeparators(directory))
                         : QStringLiteral("Export failed: %1").arg(error));
}

} // namespace haggle::ui
