// One agent in the deal graph: a disc coloured by strategy and sized by net worth, a ring for its mean
// reputation, its name as a label, and a red dashed outline with a "cut off" tag when the others refuse it.
// The view sets each property only when it changes; every setter ignores a value equal to the current one.
#pragma once

#include <QColor>
#include <QGraphicsItem>
#include <QImage>
#include <QPen>
#include <QString>

#include <vector>

QT_BEGIN_NAMESPACE
class QGraphicsSimpleTextItem;
QT_END_NAMESPACE

namespace haggle::ui {

class GraphNode : public QGraphicsItem {
public:
    enum { Type = UserType + 0x4801 };

    // What the tooltip shows; kept as values so hovering builds the text only when asked.
    struct Live {
        double netWorth = 0.0;
        double meanReputation = 0.5;
        int deals = 0;
        int refusedBy = 0;
    };

    GraphNode(int index, const QString& id, const QString& role, const QString& strategy, const QColor& fill);

    int type() const override { return Type; }
    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

    int index() const { return m_index; }
    const QString& id() const { return m_id; }
    QColor fillColor() const { return m_fill; }

    void setLive(const Live& live) { m_live = live; }
    const Live& live() const { return m_live; }

    static constexpr qreal MinRadius = 5.0;
    static constexpr qreal MaxRadius = 20.0;
    void setRadius(qreal radius);
    qreal radius() const { return m_radius; }

    // Red at 0, amber at 0.5, green at 1; values are quantized so small drifts do not repaint.
    void setReputation(double reputation);
    QColor ringColor() const;

    void setCutOff(bool cutOff);
    bool isCutOff() const { return m_cutOff; }
    // Trust is checked only by the agent asked (the prototype rules): a cut-off agent can still deal by asking, and
    // the tooltip says so.
    void setTrustCheckedWhenAskedOnly(bool askedOnly) { m_askedOnly = askedOnly; }
    // The outline drawn around the disc: red and dashed when cut off, none otherwise.
    QPen outlinePen() const;
    bool isTagVisible() const;

    // The identity it trades under (a whitewasher's grows each time it rejoins) and the rounds it rejoined at: from
    // #2 on the label reads "id #N" and the tooltip says when.
    void setIdentity(int identity, const std::vector<int>& rejoinRounds);
    int identity() const { return m_identity; }
    QString labelText() const;
    // The colluding ring it belongs to (0: none), drawn as a dotted outline in the ring's colour.
    void setCollusionRing(int ring, const QColor& color);
    int collusionRing() const { return m_ring; }
    QPen collusionPen() const;

    void setHighlighted(bool highlighted);
    bool isHighlighted() const { return m_highlighted; }

    // With many agents labels show only on hover or selection.
    void setLabelsAutoHidden(bool hidden);
    bool isLabelVisible() const;

    QString toolTipText() const;

protected:
    void hoverEnterEvent(QGraphicsSceneHoverEvent* event) override;
    void hoverLeaveEvent(QGraphicsSceneHoverEvent* event) override;

private:
    qreal extent() const; // from the centre to the outermost stroke
    void draw(QPainter* painter) const;
    bool paintPicture(QPainter* painter); // false when the node must be drawn instead
    void placeChildren();
    void updateLabelVisibility();

    int m_index;
    QString m_id;
    QString m_role;
    QString m_strategy;
    QColor m_fill;
    Live m_live;
    qreal m_radius = MinRadius;
    int m_reputationStep = 25; // reputation x 50
    bool m_cutOff = false;
    bool m_askedOnly = false;
    bool m_highlighted = false;
    int m_identity = 1;
    std::vector<int> m_rejoins;
    int m_ring = 0;
    QColor m_ringColor;
    bool m_hovered = false;
    bool m_labelsAutoHidden = false;
    QGraphicsSimpleTextItem* m_label; // children: deleted with the node
    QGraphicsSimpleTextItem* m_tag;
    // What paintPicture() last painted, and whether m_picture holds it yet.
    QImage m_picture;
    qreal m_pictureScale = 0.0;
    QPointF m_pictureWithin;
    quint64 m_pictureLook = 0;
    bool m_pictureDrawn = false;
};

} // namespace haggle::ui
