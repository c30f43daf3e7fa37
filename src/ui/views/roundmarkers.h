// Marks drawn over a chart whose x axis is the round: the scenario's events (a dashed line at the round, or a band
// over a range, named at the top) and the timeline's cursor (a solid line at the round every view shows). They are
// graphics items of the chart itself, placed from its axis and plot area after every redraw, zoom or resize, so the
// chart's series and its exports are untouched (exports show the events, not the cursor).
#pragma once

#include <QObject>
#include <QPointer>
#include <QString>

#include <vector>

QT_BEGIN_NAMESPACE
class QChart;
class QGraphicsLineItem;
class QGraphicsRectItem;
class QGraphicsSimpleTextItem;
class QValueAxis;
QT_END_NAMESPACE

namespace haggle::ui {

class RoundMarkers : public QObject {
    Q_OBJECT

public:
    struct Mark {
        int first = 1;
        int last = 1; // == first: a line; more: a band
        QString label;
    };

    explicit RoundMarkers(QChart* chart, QObject* parent = nullptr);
    ~RoundMarkers() override;

    void setMarks(const std::vector<Mark>& marks);
    void setCursor(int round); // < 0: none
    // Whether the chart has a round axis to mark (its horizontal value axis is titled "Round").
    bool applies() const;
    // Places the items again (the plot area or the axis range moved).
    void relayout();
    // Hide the cursor (an export draws the chart without it) or show it again.
    void setCursorVisible(bool visible);

private:
    QValueAxis* roundAxis() const;
    void clearMarks(); // deletes the events' items
    double xOf(double round) const; // in chart coordinates

    QPointer<QChart> m_chart;
    QPointer<QValueAxis> m_axis; // whose range changes relayout() follows
    std::vector<Mark> m_marks;
    std::vector<QGraphicsRectItem*> m_bands;
    std::vector<QGraphicsLineItem*> m_lines;
    std::vector<QGraphicsSimpleTextItem*> m_labels;
    QGraphicsLineItem* m_cursor = nullptr;
    int m_cursorRound = -1;
    bool m_cursorVisible = true;
};

} // namespace haggle::ui
