// The run controls: the Simulation menu's step, run and speed actions, and the toolbar's own controls (how many
// rounds Step N plays, how fast Run plays them, both remembered in the settings, and the round the run has reached).
// They drive whichever run they are set to, and say whether it is running.
#pragma once

#include <QObject>
#include <QPointer>

class QComboBox;
class QAction;
class QLabel;
class QSpinBox;
class QToolBar;

namespace haggle::ui {

class Run;
struct SimulationSnapshot;

class RunControls : public QObject {
    Q_OBJECT

public:
    // The window's actions these controls trigger and enable (the run toolbar and the Simulation menu show them).
    struct Actions {
        QAction* step;
        QAction* stepN;
        QAction* runPause;
        QAction* runTo;
        QAction* faster;
        QAction* slower;
    };

    // Wires the actions and adds the controls to the end of `bar`.
    RunControls(QToolBar* bar, const Actions& actions, QObject* parent);

    // Drives this run from now on: sends it the speed, shows its round and whether it runs (null: none).
    void setRun(Run* run);
    void togglePause();

    int stepCount() const;
    int speed() const; // rounds per second, 0: full speed
    void setSpeed(int roundsPerSecond); // one of the choices offered; others are ignored
    void faster();
    void slower();
    QString roundText() const;

private:
    void showRound(const SimulationSnapshot& snapshot);
    void showRunning(bool running);
    void askRunTo(QWidget* parent);

    Actions m_actions;
    QSpinBox* m_stepCount;
    QComboBox* m_speed;
    QLabel* m_round;
    QPointer<Run> m_run;
};

} // namespace haggle::ui
