// The sweep editor: see sweepeditor.h.
#include "sweepeditor.h"

#include "builtinscenarios.h"
#include "qtext.h"
#include "sweepmetrics.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QRegularExpression>
#include <QRegularExpressionValidator>
#include <QSaveFile>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <limits>

namespace haggle::ui {

using nlohmann::json;

namespace {

constexpr int DataRole = Qt::UserRole;

QString pathsText(const std::vector<std::string>& paths)
{
    QStringList list;
    for (const auto& p : paths)
        list << QString::fromStdString(p);
    return list.join(QStringLiteral(", "));
}

std::vector<std::string> pathsFrom(const QString& typed)
{
    std::vector<std::string> paths;
    for (const QString& p : typed.split(u',', Qt::SkipEmptyParts)) {
        const QString trimmed = p.trimmed();
        if (!trimmed.isEmpty())
            paths.push_back(trimmed.toStdString());
    }
    return paths;
}

QListWidget* checkList(QWidget* parent)
{
    auto* list = new QListWidget(parent);
    list->setUniformItemSizes(true);
    list->setMinimumHeight(list->fontMetrics().height() * 5);
    list->setMaximumHeight(list->fontMetrics().height() * 9);
    return list;
}

// The checked names: first those of `order` (a loaded file's), in its order, then the others in the list's.
QStringList checked(const QListWidget* list, const QStringList& order = {})
{
    QStringList names;
    for (int i = 0; i < list->count(); ++i) {
        if (list->item(i)->checkState() == Qt::Checked)
            names << list->item(i)->data(DataRole).toString();
    }
    QStringList ordered;
    for (const QString& name : order) {
        if (names.contains(name))
            ordered << name;
    }
    for (const QString& name : names) {
        if (!ordered.contains(name))
            ordered << name;
    }
    return ordered;
}

void check(QListWidget* list, const QStringList& names)
{
    for (int i = 0; i < list->count(); ++i)
        list->item(i)->setCheckState(
            names.contains(list->item(i)->data(DataRole).toString()) ? Qt::Checked : Qt::Unchecked);
}

} // namespace

SweepEditor::SweepEditor(QWidget* parent)
    : QWidget(parent)
    , m_name(new QLineEdit)
    , m_base(new QComboBox)
    , m_axes(new QListWidget)
    , m_addAxis(new QPushButton(QStringLiteral("Add A&xis")))
    , m_removeAxis(new QPushButton(QStringLiteral("Re&move")))
    , m_axisName(new QLineEdit)
    , m_parameter(new QComboBox)
    , m_paths(new QLineEdit)
    , m_values(new QLineEdit)
    , m_suggest(new QPushButton(QStringLiteral("Su&ggest")))
    , m_axisInfo(new QLabel)
    , m_combine(new QComboBox)
    , m_trials(new QSpinBox)
    , m_seed(new QLineEdit)
    , m_seedPolicy(new QComboBox)
    , m_metrics(checkList(this))
    , m_series(checkList(this))
    , m_results(new QLineEdit)
    , m_summary(new QLabel)
    , m_summaryTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("sweepEditor"));
    m_name->setObjectName(QStringLiteral("sweepName"));
    m_name->setPlaceholderText(QStringLiteral("A name for the sweep"));
    m_base->setObjectName(QStringLiteral("sweepBase"));
    m_base->setToolTip(QStringLiteral("The scenario every setting starts from; the axes change values in it"));
    m_axes->setObjectName(QStringLiteral("sweepAxes"));
    m_axes->setMaximumHeight(m_axes->fontMetrics().height() * 5);
    m_axisName->setObjectName(QStringLiteral("axisName"));
    m_axisName->setToolTip(QStringLiteral("The axis's name: a column of the results and a chart's axis title"));
    m_parameter->setObjectName(QStringLiteral("axisParameter"));
    m_parameter->setToolTip(QStringLiteral("What the axis varies: a field of the scenario, a catalog parameter of "
                                           "one of its kinds, or the same field of every agent of a role"));
    m_parameter->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_parameter->setMinimumContentsLength(12);
    m_paths->setObjectName(QStringLiteral("axisPaths"));
    m_paths->setToolTip(
        QStringLiteral("The JSON Pointers the axis sets (comma-separated), as a sweep file names them"));
    m_values->setObjectName(QStringLiteral("axisValues"));
    m_values->setPlaceholderText(QStringLiteral("0:1:0.1 (from:to:step) or 0.1, 0.2, 0.5"));
    m_values->setToolTip(QStringLiteral("The values: a range from:to:step, or a comma-separated list of numbers, "
                                        "true/false, or kind names"));
    m_suggest->setToolTip(QStringLiteral("Fill in the parameter's range from its catalog, or values around it"));
    m_axisInfo->setWordWrap(true);
    m_axisInfo->setObjectName(QStringLiteral("axisInfo"));
    m_combine->addItem(QStringLiteral("Every combination (factorial)"), QStringLiteral("factorial"));
    m_combine->addItem(QStringLiteral("Paired (i-th values together)"), QStringLiteral("paired"));
    m_trials->setRange(1, lab::MaxSweepTrials);
    m_trials->setObjectName(QStringLiteral("sweepTrials"));
    m_trials->setToolTip(QStringLiteral("Runs of every setting, each with its own seed"));
    m_seed->setValidator(new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[0-9]{1,20}")), m_seed));
    m_seed->setToolTip(QStringLiteral("The sweep's seed (0 to 18446744073709551615): each run's seed derives from it"));
    m_seed->setObjectName(QStringLiteral("sweepSeed"));
    m_seedPolicy->addItem(QStringLiteral("Common (trial t: one seed in every setting)"), QStringLiteral("common"));
    m_seedPolicy->addItem(QStringLiteral("Independent (every run its own seed)"), QStringLiteral("independent"));
    m_metrics->setObjectName(QStringLiteral("sweepMetrics"));
    for (const auto& metric : lab::sweepMetrics()) {
        auto* item = new QListWidgetItem(toQString(metric.name), m_metrics);
        item->setData(DataRole, toQString(metric.name));
        item->setToolTip(toQString(metric.description)
            + (metric.unit.empty() ? QString() : QStringLiteral(" (%1)").arg(toQString(metric.unit))));
        item->setCheckState(Qt::Unchecked);
    }
    m_series->setObjectName(QStringLiteral("sweepSeries"));
    for (const auto& series : lab::sweepSeries()) {
        auto* item = new QListWidgetItem(toQString(series.name), m_series);
        item->setData(DataRole, toQString(series.name));
        item->setToolTip(toQString(series.description));
        item->setCheckState(Qt::Unchecked);
    }
    m_results->setObjectName(QStringLiteral("sweepResults"));
    m_results->setPlaceholderText(QStringLiteral("Automatic: the lab's data folder"));
    m_results->setToolTip(QStringLiteral("The SQLite file the runs are stored in. The same sweep run again into it "
                                         "resumes where it stopped."));
    m_summary->setObjectName(QStringLiteral("sweepSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);

    // Mnemonics: none of the window's own (Run, Cancel Run, Export, Threads, the Findings, Tables and Charts tabs).
    // Layout: the sweep, its axes (a list, and the selected axis below), how it runs, what it records, where.
    auto* openFile = new QToolButton;
    openFile->setText(QStringLiteral("Open..."));
    openFile->setToolTip(QStringLiteral("Open a sweep file (haggle-sweep JSON)"));
    auto* saveFile = new QToolButton;
    saveFile->setText(QStringLiteral("Save..."));
    saveFile->setToolTip(QStringLiteral("Save the sweep as a file for haggle-cli sweep, haggle-sweep-mpi or Slurm"));
    auto* fileRow = new QHBoxLayout;
    fileRow->addWidget(m_name, 1);
    fileRow->addWidget(openFile);
    fileRow->addWidget(saveFile);
    auto* top = new QFormLayout;
    auto* nameLabel = new QLabel(QStringLiteral("&Sweep:"));
    nameLabel->setBuddy(m_name);
    top->addRow(nameLabel, fileRow);
    top->addRow(QStringLiteral("&Base:"), m_base);

    auto* axesBox = new QGroupBox(QStringLiteral("Axes"));
    auto* axesLayout = new QVBoxLayout(axesBox);
    auto* axisButtons = new QHBoxLayout;
    axisButtons->addWidget(m_addAxis);
    axisButtons->addWidget(m_removeAxis);
    axisButtons->addStretch();
    axesLayout->addWidget(m_axes);
    axesLayout->addLayout(axisButtons);
    auto* axisForm = new QFormLayout;
    axisForm->addRow(QStringLiteral("&Parameter:"), m_parameter);
    axisForm->addRow(QStringLiteral("Paths:"), m_paths);
    auto* valuesRow = new QHBoxLayout;
    valuesRow->addWidget(m_values, 1);
    valuesRow->addWidget(m_suggest);
    auto* valuesLabel = new QLabel(QStringLiteral("&Values:"));
    valuesLabel->setBuddy(m_values);
    axisForm->addRow(valuesLabel, valuesRow);
    axisForm->addRow(QStringLiteral("&Name:"), m_axisName);
    axesLayout->addLayout(axisForm);
    axesLayout->addWidget(m_axisInfo);

    auto* runBox = new QGroupBox(QStringLiteral("Runs"));
    auto* runForm = new QFormLayout(runBox);
    runForm->addRow(QStringLiteral("C&ombine:"), m_combine);
    runForm->addRow(QStringLiteral("Tria&ls:"), m_trials);
    runForm->addRow(QStringLiteral("See&d:"), m_seed);
    runForm->addRow(QStringLiteral("Seed polic&y:"), m_seedPolicy);

    auto* recordBox = new QGroupBox(QStringLiteral("Record"));
    auto* recordLayout = new QVBoxLayout(recordBox);
    recordLayout->addWidget(new QLabel(QStringLiteral("Metr&ics per run:")));
    recordLayout->addWidget(m_metrics);
    recordLayout->addWidget(new QLabel(QStringLiteral("Per-round series (optional):")));
    recordLayout->addWidget(m_series);
    static_cast<QLabel*>(recordLayout->itemAt(0)->widget())->setBuddy(m_metrics);

    auto* browse = new QToolButton;
    browse->setText(QStringLiteral("..."));
    browse->setToolTip(QStringLiteral("Choose the results file"));
    auto* resultsRow = new QHBoxLayout;
    resultsRow->addWidget(m_results, 1);
    resultsRow->addWidget(browse);
    auto* resultsForm = new QFormLayout;
    auto* resultsLabel = new QLabel(QStringLiteral("Res&ults:"));
    resultsLabel->setBuddy(m_results);
    resultsForm->addRow(resultsLabel, resultsRow);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(axesBox);
    layout->addWidget(runBox);
    layout->addWidget(recordBox);
    layout->addLayout(resultsForm);
    layout->addWidget(m_summary);

    m_summaryTimer->setSingleShot(true);
    m_summaryTimer->setInterval(250);
    connect(m_summaryTimer, &QTimer::timeout, this, &SweepEditor::updateSummary);

    connect(openFile, &QToolButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            this, QStringLiteral("Open sweep"), m_directory, QStringLiteral("Haggle sweeps (*.json);;All files (*)"));
        QString error;
        if (!path.isEmpty() && !loadFile(path, &error)) {
            m_summary->setText(QStringLiteral("<span style='color:#b00020'>%1</span>").arg(error.toHtmlEscaped()));
        }
    });
    connect(saveFile, &QToolButton::clicked, this, [this] {
        QString suggested = m_name->text().trimmed().toLower().replace(u' ', u'-');
        if (suggested.isEmpty())
            suggested = QStringLiteral("sweep");
        QString path = QFileDialog::getSaveFileName(this, QStringLiteral("Save sweep"),
            (m_directory.isEmpty() ? QDir::homePath() : m_directory) + u'/' + suggested + QStringLiteral(".json"),
            QStringLiteral("Haggle sweeps (*.json)"));
        if (path.isEmpty())
            return;
        if (QFileInfo(path).suffix().isEmpty())
            path += QStringLiteral(".json");
        QString error;
        m_summary->setText(this->saveFile(path, &error)
                ? QStringLiteral("Saved %1.").arg(QDir::toNativeSeparators(path))
                : QStringLiteral("<span style='color:#b00020'>Cannot save: %1</span>").arg(error.toHtmlEscaped()));
    });
    connect(browse, &QToolButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, QStringLiteral("Results file"), m_results->text(),
            QStringLiteral("SQLite results (*.sqlite *.db);;All files (*)"), nullptr,
            QFileDialog::DontConfirmOverwrite); // an existing file of the same sweep is resumed, not replaced
        if (!path.isEmpty())
            setResultsFile(path);
    });
    connect(m_base, &QComboBox::currentIndexChanged, this, [this] {
        if (m_updating)
            return;
        buildParameters();
        showAxis();
        changed();
    });
    connect(m_axes, &QListWidget::currentRowChanged, this, [this](int row) {
        if (m_updating)
            return;
        storeAxis();
        m_current = row;
        showAxis();
    });
    connect(m_addAxis, &QPushButton::clicked, this, &SweepEditor::addAxis);
    connect(m_removeAxis, &QPushButton::clicked, this, &SweepEditor::removeAxis);
    connect(m_parameter, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (m_updating || m_current < 0)
            return;
        const int p = m_parameter->itemData(index, DataRole).toInt();
        if (p < 0 || p >= static_cast<int>(m_parameters.size()))
            return;
        const lab::SweepParameter& parameter = m_parameters[static_cast<std::size_t>(p)];
        Axis& axis = m_axisList[static_cast<std::size_t>(m_current)];
        axis.paths = parameter.paths;
        axis.name = QString::fromStdString(parameter.name);
        axis.values = QString::fromStdString(parameter.suggestedValues());
        showAxis();
        changed();
    });
    for (QLineEdit* edit : { m_paths, m_values, m_axisName }) {
        connect(edit, &QLineEdit::textEdited, this, [this] {
            storeAxis();
            refreshAxes();
            changed();
        });
    }
    connect(m_paths, &QLineEdit::editingFinished, this, [this] { showAxis(); }); // the parameter chooser follows
    connect(m_suggest, &QPushButton::clicked, this, [this] {
        if (m_current < 0)
            return;
        Axis& axis = m_axisList[static_cast<std::size_t>(m_current)];
        if (const lab::SweepParameter* p = parameterFor(axis.paths)) {
            axis.values = QString::fromStdString(p->suggestedValues());
            showAxis();
            changed();
        }
    });
    connect(m_name, &QLineEdit::textEdited, this, &SweepEditor::changed);
    connect(m_results, &QLineEdit::textEdited, this, &SweepEditor::changed);
    connect(m_combine, &QComboBox::currentIndexChanged, this, &SweepEditor::changed);
    connect(m_trials, &QSpinBox::valueChanged, this, &SweepEditor::changed);
    connect(m_seed, &QLineEdit::textEdited, this, &SweepEditor::changed);
    connect(m_seedPolicy, &QComboBox::currentIndexChanged, this, &SweepEditor::changed);
    connect(m_metrics, &QListWidget::itemChanged, this, &SweepEditor::changed);
    connect(m_series, &QListWidget::itemChanged, this, &SweepEditor::changed);

    m_labScenario = json::parse(lab::builtinScenarios().front().json);
    newSweep();
}

SweepEditor::~SweepEditor() = default;

void SweepEditor::setLabScenario(const json& scenario, const QString& name)
{
    m_labScenario = scenario;
    m_labName = name;
    const int index = m_base->findData(QStringLiteral("lab"));
    if (index >= 0) {
        m_base->setItemText(index, QStringLiteral("The lab's scenario (%1)").arg(name));
        if (m_base->currentIndex() == index) {
            buildParameters();
            showAxis();
            changed();
        }
    }
}

void SweepEditor::newSweep()
{
    m_updating = true;
    m_fileScenario = json();
    m_fileScenarioField = json();
    m_directory.clear();
    m_description = QStringLiteral("A sweep of the lab's scenario.");
    m_base->clear();
    m_base->addItem(
        QStringLiteral("The lab's scenario (%1)").arg(m_labName.isEmpty() ? QStringLiteral("none") : m_labName),
        QStringLiteral("lab"));
    for (const auto& s : lab::builtinScenarios())
        m_base->addItem(
            QStringLiteral("Built-in: %1").arg(toQString(s.key)), QStringLiteral("builtin:%1").arg(toQString(s.key)));
    m_base->setCurrentIndex(0);
    m_name->setText(QStringLiteral("New sweep"));
    m_combine->setCurrentIndex(0);
    m_trials->setValue(10);
    m_seed->setText(QStringLiteral("1"));
    m_seedPolicy->setCurrentIndex(0);
    check(m_metrics, { QStringLiteral("deals"), QStringLiteral("success_rate") });
    check(m_series, {});
    m_fileOrder.clear();
    m_results->clear();
    m_updating = false;
    buildParameters();
    m_axisList.clear();
    m_current = -1;
    addAxis();
}

bool SweepEditor::loadText(const std::string& source, const QString& file, QString* error)
{
    json doc;
    const std::filesystem::path directory = QFileInfo(file).absolutePath().toStdString();
    lab::SweepSpec spec;
    try {
        spec = lab::parseSweep(source, file.toStdString(), directory);
        doc = json::parse(source);
    } catch (const std::exception& e) {
        if (error)
            *error = QString::fromStdString(e.what());
        return false;
    }
    m_updating = true;
    m_directory = file.startsWith(u"builtin:") ? QString() : QFileInfo(file).absolutePath();
    m_description = QString::fromStdString(spec.description);
    m_name->setText(QString::fromStdString(spec.name));
    const json& scenario = doc["scenario"];
    m_fileScenario = json();
    m_fileScenarioField = json();
    if (scenario.is_string() && scenario.get<std::string>().starts_with("builtin:")) {
        m_base->setCurrentIndex(m_base->findData(QString::fromStdString(scenario.get<std::string>())));
    } else {
        m_fileScenario = spec.scenario;
        m_fileScenarioField = scenario;
        const QString label
            = scenario.is_string() ? QString::fromStdString(scenario.get<std::string>()) : QStringLiteral("inline");
        int index = m_base->findData(QStringLiteral("file"));
        if (index < 0) {
            m_base->addItem(QString(), QStringLiteral("file"));
            index = m_base->count() - 1;
        }
        m_base->setItemText(index, QStringLiteral("The sweep file's (%1)").arg(label));
        m_base->setCurrentIndex(index);
    }
    m_combine->setCurrentIndex(spec.combine == lab::SweepCombine::Paired ? 1 : 0);
    m_trials->setValue(spec.trials);
    m_seed->setText(QString::number(spec.seed));
    m_seedPolicy->setCurrentIndex(spec.seedPolicy == lab::SeedPolicy::Independent ? 1 : 0);
    QStringList metrics, series;
    for (const auto& m : spec.metrics)
        metrics << QString::fromStdString(m);
    for (const auto& s : spec.series)
        series << QString::fromStdString(s);
    check(m_metrics, metrics);
    check(m_series, series);
    m_fileOrder = metrics + series;
    m_results->clear();
    m_axisList.clear();
    for (std::size_t i = 0; i < spec.axes.size(); ++i)
        m_axisList.push_back({ QString::fromStdString(spec.axes[i].name), spec.axes[i].paths,
            QString::fromStdString(lab::axisValuesText(doc["axes"][i])) });
    m_current = m_axisList.empty() ? -1 : 0;
    m_updating = false;
    buildParameters();
    refreshAxes();
    showAxis();
    changed();
    return true;
}

bool SweepEditor::loadFile(const QString& path, QString* error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("%1: cannot open: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    if (file.size() > 32 * 1024 * 1024) {
        if (error)
            *error = QStringLiteral("%1: larger than 32 MiB").arg(QDir::toNativeSeparators(path));
        return false;
    }
    return loadText(file.readAll().toStdString(), path, error);
}

json SweepEditor::scenarioField() const
{
    const QString base = m_base->currentData().toString();
    if (base == u"lab")
        return m_labScenario;
    if (base == u"file")
        return m_fileScenarioField;
    return base.toStdString();
}

json SweepEditor::baseScenario() const
{
    const QString base = m_base->currentData().toString();
    if (base == u"lab")
        return m_labScenario;
    if (base == u"file")
        return m_fileScenario;
    const std::string key = base.mid(8).toStdString();
    for (const auto& s : lab::builtinScenarios()) {
        if (s.key == key)
            return json::parse(s.json);
    }
    return json::object();
}

json SweepEditor::document() const
{
    json doc;
    doc["format"] = lab::SweepFormatName;
    doc["version"] = lab::SweepFormatVersion;
    doc["name"] = m_name->text().trimmed().toStdString();
    if (!m_description.isEmpty())
        doc["description"] = m_description.toStdString();
    doc["scenario"] = scenarioField();
    json axes = json::array();
    for (const Axis& axis : m_axisList) {
        json a;
        if (!axis.name.trimmed().isEmpty())
            a["name"] = axis.name.trimmed().toStdString();
        if (axis.paths.size() == 1)
            a["path"] = axis.paths.front();
        else
            a["paths"] = axis.paths; // none: the reader names what is missing
        try {
            a.update(lab::parseAxisValues(axis.values.toStdString()));
        } catch (const std::invalid_argument&) {
            a["values"] = json::array(); // refused by the reader, naming the axis
        }
        axes.push_back(std::move(a));
    }
    doc["axes"] = axes;
    doc["combine"] = m_combine->currentData().toString().toStdString();
    doc["trials"] = m_trials->value();
    bool wholeSeed = false;
    const qulonglong seed = m_seed->text().toULongLong(&wholeSeed);
    if (wholeSeed)
        doc["seed"] = static_cast<std::uint64_t>(seed);
    else
        doc["seed"] = m_seed->text().toStdString(); // refused by the reader, naming "seed"
    doc["seed_policy"] = m_seedPolicy->currentData().toString().toStdString();
    json metrics = json::array(), series = json::array();
    for (const QString& m : checked(m_metrics, m_fileOrder))
        metrics.push_back(m.toStdString());
    for (const QString& s : checked(m_series, m_fileOrder))
        series.push_back(s.toStdString());
    doc["metrics"] = metrics;
    if (!series.empty())
        doc["series"] = series;
    return doc;
}

bool SweepEditor::saveFile(const QString& path, QString* error) const
{
    QSaveFile file(path);
    const QByteArray bytes = QByteArray::fromStdString(document().dump(2) + "\n");
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    return true;
}

std::shared_ptr<const lab::SweepPlan> SweepEditor::plan() const
{
    // Axis values that do not parse are named here, with the reason, before the reader sees an empty list.
    for (std::size_t i = 0; i < m_axisList.size(); ++i) {
        try {
            lab::parseAxisValues(m_axisList[i].values.toStdString());
        } catch (const std::invalid_argument& e) {
            throw lab::SweepFileError(
                "sweep", "axes[" + std::to_string(i) + "] (" + m_axisList[i].name.toStdString() + ") values", e.what());
        }
        if (m_axisList[i].paths.empty())
            throw lab::SweepFileError("sweep", "axes[" + std::to_string(i) + "]", "choose a parameter");
    }
    const std::string text = document().dump();
    return std::make_shared<const lab::SweepPlan>(
        lab::parseSweep(text, "sweep", m_directory.toStdString()), std::string("sweep"));
}

QString SweepEditor::resultsFile(const lab::SweepSpec& spec) const
{
    if (!m_results->text().trimmed().isEmpty())
        return m_results->text().trimmed();
    QString stem = QString::fromStdString(spec.name).toLower();
    for (QChar& c : stem) {
        if (!c.isLetterOrNumber())
            c = u'-';
    }
    stem = stem.left(40);
    if (stem.isEmpty())
        stem = QStringLiteral("sweep");
    return QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) + QStringLiteral("/sweeps/") + stem
        + u'-' + QString::fromStdString(spec.hash()).left(8) + QStringLiteral(".sqlite");
}

void SweepEditor::setResultsFile(const QString& path)
{
    m_results->setText(path);
    changed();
}

QString SweepEditor::sweepName() const
{
    return m_name->text().trimmed();
}

QString SweepEditor::description() const
{
    return m_description;
}

QString SweepEditor::summaryText() const
{
    return m_summary->text();
}

int SweepEditor::axisCount() const
{
    return static_cast<int>(m_axisList.size());
}

void SweepEditor::selectAxis(int axis)
{
    m_axes->setCurrentRow(axis);
}

void SweepEditor::addAxis()
{
    storeAxis();
    Axis axis;
    // The first offered parameter no other axis uses.
    for (const auto& p : m_parameters) {
        const bool used
            = std::any_of(m_axisList.begin(), m_axisList.end(), [&](const Axis& a) { return a.paths == p.paths; });
        if (!used && p.type != lab::SweepParameter::Type::Kind) {
            axis = { QString::fromStdString(p.name), p.paths, QString::fromStdString(p.suggestedValues()) };
            break;
        }
    }
    m_axisList.push_back(axis);
    m_current = static_cast<int>(m_axisList.size()) - 1;
    refreshAxes();
    showAxis();
    changed();
}

void SweepEditor::removeAxis()
{
    if (m_current < 0 || m_axisList.size() <= 1)
        return; // a sweep has an axis
    m_axisList.erase(m_axisList.begin() + m_current);
    m_current = std::min(m_current, static_cast<int>(m_axisList.size()) - 1);
    refreshAxes();
    showAxis();
    changed();
}

bool SweepEditor::chooseParameter(const QString& label)
{
    const int index = m_parameter->findText(label);
    if (index < 0 || m_parameter->itemData(index, DataRole).toInt() < 0)
        return false;
    m_parameter->setCurrentIndex(index);
    return true;
}

void SweepEditor::setAxisValues(const QString& values)
{
    if (m_current < 0)
        return;
    m_axisList[static_cast<std::size_t>(m_current)].values = values;
    showAxis();
    changed();
}

void SweepEditor::setTrials(int trials)
{
    m_trials->setValue(trials);
}

void SweepEditor::setSeed(std::uint64_t seed)
{
    m_seed->setText(QString::number(seed));
    changed();
}

void SweepEditor::setMetrics(const QStringList& metrics)
{
    check(m_metrics, metrics);
}

QStringList SweepEditor::parameterLabels() const
{
    QStringList labels;
    for (const auto& p : m_parameters)
        labels << QString::fromStdString(p.label);
    return labels;
}

void SweepEditor::buildParameters()
{
    m_parameters = lab::sweepParameters(baseScenario());
    const bool was = m_updating;
    m_updating = true;
    m_parameter->clear();
    // Grouped under headers that cannot be chosen.
    auto* model = qobject_cast<QStandardItemModel*>(m_parameter->model());
    std::string group;
    for (std::size_t i = 0; i < m_parameters.size(); ++i) {
        const auto& p = m_parameters[i];
        if (p.group != group) {
            group = p.group;
            m_parameter->addItem(QStringLiteral("%1").arg(QString::fromStdString(group)), -1);
            if (model) {
                QStandardItem* header = model->item(model->rowCount() - 1);
                header->setFlags(Qt::NoItemFlags);
                QFont bold = header->font();
                bold.setBold(true);
                header->setFont(bold);
            }
        }
        m_parameter->addItem(QString::fromStdString(p.label), static_cast<int>(i));
        QString tip = pathsText(p.paths);
        if (!p.description.empty())
            tip = QString::fromStdString(p.description) + u'\n' + tip;
        m_parameter->setItemData(m_parameter->count() - 1, tip, Qt::ToolTipRole);
    }
    m_parameter->addItem(QStringLiteral("(other paths, typed below)"), -2);
    m_updating = was;
}

const lab::SweepParameter* SweepEditor::parameterFor(const std::vector<std::string>& paths) const
{
    for (const auto& p : m_parameters) {
        if (p.paths == paths)
            return &p;
    }
    return nullptr;
}

void SweepEditor::refreshAxes()
{
    const bool was = m_updating;
    m_updating = true;
    m_axes->clear();
    for (const Axis& axis : m_axisList) {
        QString count;
        try {
            const json values = lab::parseAxisValues(axis.values.toStdString());
            if (values.contains("values"))
                count = QStringLiteral("%1 values").arg(values["values"].size());
            else
                count = axis.values;
        } catch (const std::invalid_argument&) {
            count = QStringLiteral("no values");
        }
        m_axes->addItem(
            QStringLiteral("%1: %2").arg(axis.name.isEmpty() ? QStringLiteral("(unnamed)") : axis.name, count));
    }
    m_axes->setCurrentRow(m_current);
    m_removeAxis->setEnabled(m_axisList.size() > 1);
    m_updating = was;
}

void SweepEditor::showAxis()
{
    const bool was = m_updating;
    m_updating = true;
    const bool any = m_current >= 0 && m_current < static_cast<int>(m_axisList.size());
    for (QWidget* w : std::initializer_list<QWidget*> { m_axisName, m_parameter, m_paths, m_values, m_suggest })
        w->setEnabled(any);
    if (any) {
        const Axis& axis = m_axisList[static_cast<std::size_t>(m_current)];
        if (m_axisName->text() != axis.name)
            m_axisName->setText(axis.name);
        const QString paths = pathsText(axis.paths);
        if (m_paths->text() != paths && !m_paths->hasFocus())
            m_paths->setText(paths);
        if (m_values->text() != axis.values)
            m_values->setText(axis.values);
        const lab::SweepParameter* p = parameterFor(axis.paths);
        const int index
            = p ? m_parameter->findData(static_cast<int>(p - m_parameters.data())) : m_parameter->findData(-2);
        m_parameter->setCurrentIndex(index);
        QString info;
        if (p) {
            info = QStringLiteral("Now %1").arg(QString::fromStdString(lab::sweepValueText(p->value)));
            if (p->min && p->max)
                info += QStringLiteral("; the catalog allows %1 to %2")
                            .arg(QString::fromStdString(lab::sweepValueText(json(*p->min))),
                                QString::fromStdString(lab::sweepValueText(json(*p->max))));
            if (!p->choices.empty())
                info += QStringLiteral("; kinds: %1").arg(QString::fromStdString(p->suggestedValues()));
            if (!p->description.empty())
                info += QStringLiteral(". ") + QString::fromStdString(p->description);
        } else if (!axis.paths.empty()) {
            info = QStringLiteral("Paths typed by hand: checked when the sweep is planned.");
        }
        m_axisInfo->setText(info);
    } else {
        m_axisInfo->clear();
    }
    m_updating = was;
    refreshAxes();
}

void SweepEditor::storeAxis()
{
    if (m_updating || m_current < 0 || m_current >= static_cast<int>(m_axisList.size()))
        return;
    Axis& axis = m_axisList[static_cast<std::size_t>(m_current)];
    axis.name = m_axisName->text();
    axis.paths = pathsFrom(m_paths->text());
    axis.values = m_values->text();
}

void SweepEditor::changed()
{
    if (m_updating)
        return;
    m_summaryTimer->start();
    emit edited();
}

void SweepEditor::updateSummary()
{
    try {
        const auto p = plan();
        const QString file = resultsFile(p->spec());
        m_summary->setText(QStringLiteral("%1 settings x %2 trials = <b>%3 runs</b>, into %4")
                               .arg(p->settingCount())
                               .arg(p->spec().trials)
                               .arg(QLocale().toString(static_cast<qlonglong>(p->runCount())))
                               .arg(QDir::toNativeSeparators(file).toHtmlEscaped()));
    } catch (const lab::SweepFileError& e) {
        const QString where = QString::fromStdString(e.path());
        m_summary->setText(QStringLiteral("<span style='color:#b00020'>%1%2</span>")
                               .arg(where.isEmpty() ? QString() : where.toHtmlEscaped() + QStringLiteral(": "),
                                   QString::fromStdString(e.message()).toHtmlEscaped()));
    }
}

} // namespace haggle::ui
