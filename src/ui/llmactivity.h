// The status bar's LLM indicator: while a run has LLM negotiators, what their model is being asked right now (round,
// agent, question, attempt, seconds waited) and how the run's decisions have gone (by the model, by the fallback, the
// endpoint down). An LLM round can take minutes; the worker reports only when a round ends, so this polls the run's
// dialogue (thread-safe) a few times a second instead. Pause cancels the call in flight.
#pragma once

#include <QLabel>
#include <QPointer>

class QTimer;

namespace haggle::ui {

class Run;

class LlmActivityLabel : public QLabel {
    Q_OBJECT

public:
    static constexpr int PollMs = 250;

    explicit LlmActivityLabel(QWidget* parent = nullptr);

    // Follows this run's dialogue; hidden while it has none. Null: none.
    void setRun(Run* run);
    // Reads the dialogue now (the timer calls it).
    void refresh();

private:
    void follow();

    QPointer<Run> m_run;
    QTimer* m_poll;
};

} // namespace haggle::ui
