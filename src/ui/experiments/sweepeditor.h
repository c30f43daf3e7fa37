// The sweep editor of the Experiments window: a sweep as a form. The base scenario (the lab's own, a built-in one, or
// the one a sweep file brought), the axes (each a parameter picked from what the scenario and the catalogs offer, see
// lab::sweepParameters(), and its values as a list or a from:to:step range), how they combine, trials, seed and seed
// policy, the metrics and series to record, and the results file. It reads and writes sweep files, and builds the
// lab::SweepPlan that runs: the same reader as `haggle-cli sweep`, so the form refuses what the CLI refuses, naming
// the axis and value.
#pragma once

#include "sweep.h"
#include "sweepparameters.h"

#include <QString>
#include <QWidget>

#include <memory>
#include <optional>
#include <vector>

#include <nlohmann/json.hpp>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;
class QTimer;

namespace haggle::ui {

class SweepEditor : public QWidget {
    Q_OBJECT

public:
    explicit SweepEditor(QWidget* parent = nullptr);
    ~SweepEditor() override;

    // The lab's scenario, the base a new sweep starts from ("The lab's scenario" in the base chooser).
    void setLabScenario(const nlohmann::json& scenario, const QString& name);

    // Starts a new sweep over the lab's scenario: one axis on its first offered parameter, 10 trials, deals and
    // success rate recorded.
    void newSweep();
    // Shows a sweep file's text (a built-in sweep's, or a file's). False, with *error naming the path in the file,
    // when it is not a sweep; the form then stays as it was.
    bool loadText(const std::string& text, const QString& file, QString* error = nullptr);
    bool loadFile(const QString& path, QString* error = nullptr);
    // The form as a sweep file's JSON.
    nlohmann::json document() const;
    bool saveFile(const QString& path, QString* error = nullptr) const;

    // The sweep the form describes, every setting built: throws lab::SweepFileError naming the field, axis or value.
    std::shared_ptr<const lab::SweepPlan> plan() const;
    // Where its results go: the file chosen, or one in the lab's data folder named after the sweep and its hash (so
    // running the same sweep again resumes it, or shows it when it is complete).
    QString resultsFile(const lab::SweepSpec& spec) const;
    void setResultsFile(const QString& path);

    QString sweepName() const;
    QString description() const;
    // What the summary line says: the run count, or what is wrong.
    QString summaryText() const;

    // The axes, for tests and scripts: how many, and the selected one's fields.
    int axisCount() const;
    void selectAxis(int axis);
    void addAxis();
    void removeAxis();
    // Picks an offered parameter for the selected axis by its label; false if none has it.
    bool chooseParameter(const QString& label);
    void setAxisValues(const QString& text);
    void setTrials(int trials);
    void setMetrics(const QStringList& metrics);
    void setSeed(std::uint64_t seed);
    QStringList parameterLabels() const;

signals:
    // Anything in the form changed.
    void edited();

private:
    struct Axis {
        QString name;
        std::vector<std::string> paths;
        QString values; // as typed: a list or from:to:step
    };

    void buildParameters();
    void refreshAxes();
    void showAxis();
    void storeAxis();
    void updateSummary();
    void changed();
    const lab::SweepParameter* parameterFor(const std::vector<std::string>& paths) const;
    nlohmann::json baseScenario() const; // the chosen base's JSON, for the parameters
    nlohmann::json scenarioField() const; // what the file's "scenario" says

    QLineEdit* m_name;
    QComboBox* m_base;
    QListWidget* m_axes;
    QPushButton* m_addAxis;
    QPushButton* m_removeAxis;
    QLineEdit* m_axisName;
    QComboBox* m_parameter;
    QLineEdit* m_paths;
    QLineEdit* m_values;
    QPushButton* m_suggest;
    QLabel* m_axisInfo;
    QComboBox* m_combine;
    QSpinBox* m_trials;
    QLineEdit* m_seed; // a 64-bit seed: wider than a spin box holds
    QComboBox* m_seedPolicy;
    QListWidget* m_metrics;
    QListWidget* m_series;
    QLineEdit* m_results;
    QLabel* m_summary;
    QTimer* m_summaryTimer;

    QString m_description;
    QStringList m_fileOrder; // the loaded file's metrics and series, in its order (kept: the order is in the hash)
    nlohmann::json m_labScenario;
    QString m_labName;
    nlohmann::json m_fileScenario; // the scenario a loaded sweep file brought, read
    nlohmann::json m_fileScenarioField; // and its "scenario" field as the file gives it (a path, or the object)
    QString m_fileScenarioLabel;
    QString m_directory; // a loaded file's folder, for relative scenario paths
    std::vector<lab::SweepParameter> m_parameters;
    std::vector<Axis> m_axisList;
    int m_current = -1;
    bool m_updating = false;
};

} // namespace haggle::ui
