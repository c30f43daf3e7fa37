// The deal graph's coalitions (coalitionmechanism.h) as groups: one scene item that draws, under the nodes, a rounded
// outline around the parties of each coalition the shown round formed (its buyer or buyers and every member), tinted
// by coalition, with a short label. Like the edge layer it is never hit by the scene's item queries; the view asks
// groupAt() for tooltips and clicks.
#pragma once

#include "events.h"
#include "profitsplit.h"

#include <QGraphicsItem>
#include <QPainterPath>
#include <QString>
#include <QStringList>

#include <vector>

namespace haggle::ui {

class GraphNode;

class CoalitionGroups : public QGraphicsItem {
public:
    enum { Type = UserType + 0x4804 };
    // Room between a member's centre and the outline: the largest node with a margin.
    static constexpr qreal Padding = 26.0;
    // At most this many coalitions are outlined (a large market forms many; the inspector lists them all).
    static constexpr std::size_t MaxGroups = 40;

    CoalitionGroups();

    int type() const override { return Type; }
    QRectF boundingRect() const override { return m_bounds; }
    QPainterPath shape() const override { return {}; }
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

    // The agents' ids by index, which tooltips name them by; set once per market (DealGraphView::setAgents()).
    void setAgentIds(QStringList ids) { m_ids = std::move(ids); }
    // The round's coalitions, outlined around `nodes` (by agent index).
    void setCoalitions(std::vector<CoalitionRecord> coalitions, SplitRule split, const std::vector<GraphNode*>& nodes);
    // The nodes moved: the outlines follow.
    void adjust(const std::vector<GraphNode*>& nodes);
    std::size_t size() const noexcept { return m_paths.size(); }
    const CoalitionRecord& coalition(std::size_t k) const { return m_coalitions[k]; }
    const QPainterPath& outline(std::size_t k) const { return m_paths[k]; }
    // The coalition whose outline holds the scene point (the smallest, where they overlap); -1 for none.
    int groupAt(const QPointF& scenePos) const;
    QString toolTipText(std::size_t k) const;

    // The parties of a coalition, buyers first: those its outline encloses.
    static std::vector<AgentIndex> parties(const CoalitionRecord& coalition);
    // "coalition of 3 sellers for b1, split shapley: s1 gpu 40 (50.0%), ..." in the agents' ids.
    static QString describe(const CoalitionRecord& coalition, SplitRule split, const QStringList& ids);
    static QColor color(std::size_t k);

private:
    std::vector<CoalitionRecord> m_coalitions;
    std::vector<QPainterPath> m_paths;
    SplitRule m_split = SplitRule::Proportional;
    QStringList m_ids;
    QRectF m_bounds;
};

} // namespace haggle::ui
