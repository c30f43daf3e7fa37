// The timeline: the run's rounds as a scrubber under the views. Dragging it, its round box, or the keys (Left/Right
// one round, Page Up/Down ten, Home/End; Alt with them from anywhere in the window) move the run's cursor, and every
// view shows the run as of that round while the run stays where it is (and may go on running). Live (End) follows the
// newest round again. The demand phases are drawn as bands above the slider and the scenario's events as marks, with
// their names in tooltips.
#pragma once

#include "scenario.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QSlider;
class QSpinBox;
class QToolButton;

namespace haggle::ui {

class Run;

// A round's marks above the slider: the demand phases (bands) and events (ticks, or bands for a range).
class TimelineStrip : public QWidget {
    Q_OBJECT

public:
    struct Mark {
        int first = 1;
        int last = 1;
        QString label;
        bool phase = false;
    };
    explicit TimelineStrip(QWidget* parent = nullptr);
    void setMarks(std::vector<Mark> marks, int rounds);
    void setRounds(int rounds); // the length the strip spans (the run's end)
    void setCursor(int round, int newest);
    const std::vector<Mark>& marks() const noexcept { return m_marks; }
    QSize sizeHint() const override;

    // The phases and events of a scenario as marks.
    static std::vector<Mark> marksOf(const Scenario& scenario);

protected:
    void paintEvent(QPaintEvent* event) override;
    bool event(QEvent* event) override; // tooltips: the marks under the pointer

private:
    double xOf(double round) const;
    std::vector<Mark> m_marks;
    int m_rounds = 1;
    int m_cursor = 0;
    int m_newest = 0;
};

class Timeline : public QWidget {
    Q_OBJECT

public:
    explicit Timeline(QWidget* parent = nullptr);
    void setRun(Run* run);

    // Move the cursor by `rounds` (negative: back), to the first round, or back to following the newest.
    void stepBy(int rounds);
    void goToStart();
    void goLive();

    QSlider* slider() const noexcept { return m_slider; }
    QSpinBox* roundBox() const noexcept { return m_round; }
    QLabel* status() const noexcept { return m_status; }
    TimelineStrip* strip() const noexcept { return m_strip; }

private:
    void sync();
    void seekTo(int round);

    QPointer<Run> m_run;
    TimelineStrip* m_strip;
    QSlider* m_slider;
    QSpinBox* m_round;
    QToolButton* m_live;
    QLabel* m_status;
};

} // namespace haggle::ui
