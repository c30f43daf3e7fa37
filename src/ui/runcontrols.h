// The run controls: the Simulation menu's step, run and speed actions, and the toolbar's own controls (how many
// rounds Step N plays, how fast Run plays them, both remembered in the settings, and the round the run has reached).
// They drive whichever run they are set to, and say whether it is running. A run ends at its scenario's rounds: Step
// and Run stop there and say how to go on (reset, or extend the run by N rounds).
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
        QAction* extend;
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
    // The offered speed nearest this one (0 is full speed, and only 0 is).
    void setNearestSpeed(int roundsPerSecond);
    void faster();
    void slower();
    QString roundText() const;
    // What the user is told when Step or Run is asked of a finished run.
    QString finishedText() const;

signals:
    // Something to tell the user in the status bar (the run finished; an extension took effect).
    void message(const QString& text);

private:
    void showRound(const SimulationSnapshot& snapshot);
    void showRunning(bool running);
    void askRunTo(QWidget* parent);
    // Whether the run is finished; if so, says how to go on.
    bool refuseFinished();
    void extend();
    void updateExtendText();

    Actions m_actions;
    QSpinBox* m_stepCount;
    QComboBox* m_speed;
    QLabel* m_round;
    QPointer<Run> m_run;
    bool m_wasFinished = false; // the last snapshot shown was at the run's end
};

} // namespace haggle::ui
