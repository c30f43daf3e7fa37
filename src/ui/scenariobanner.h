// The banner above the views that says what the open scenario is and what to watch in it (presentation.watch, else
// its description; both in the tooltip), or, for a new empty scenario, how to start. Hidden with its close button until
// the next scenario is opened.
#pragma once

#include <QFrame>

class QLabel;
class QToolButton;

namespace haggle {
struct Scenario;
}

namespace haggle::ui {

class ScenarioBanner : public QFrame {
    Q_OBJECT

public:
    explicit ScenarioBanner(QWidget* parent = nullptr);

    // Shows what this scenario says of itself; a scenario that says nothing (no description, nothing to watch)
    // gets the first steps instead.
    void present(const Scenario& scenario);
    QString text() const; // as shown, without markup
    // A second line with the run so far by phase ("normal: 21% success of 410 negotiations, ..."); empty hides it.
    void setPhaseSummary(const QString& line);
    QString phaseSummary() const;

private:
    QLabel* m_label;
    QLabel* m_phases;
    QToolButton* m_close;
};

} // namespace haggle::ui
