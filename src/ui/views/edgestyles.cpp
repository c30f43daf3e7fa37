// How the deal graph draws a trading pair (see edgestyles.h).
#include "edgestyles.h"

#include "chartstyle.h"

#include <algorithm>
#include <cmath>

namespace haggle::ui {

namespace {

constexpr int RecentRounds = 3; // pairs that traded this recently are drawn at full strength
constexpr double FadeRounds = 12.0; // then they fade with this time constant...
constexpr double MinEdgeOpacity = 0.15; // ...down to this
constexpr qreal MinEdgeWidth = 1.0;
constexpr qreal MaxEdgeWidth = 6.0;

qreal quantize(qreal value, qreal step)
{
    return std::round(value / step) * step;
}

} // namespace

std::uint32_t EdgeStyles::key(const lab::DealEdge& e, double maxVolume, int round, bool greyed)
{
    const double share = maxVolume > 0.0 ? std::log1p(std::max(0.0, e.volume)) / std::log1p(maxVolume) : 0.0;
    // Volumes span orders of magnitude between a pair that traded once and a steady partnership: log scale.
    const qreal width = quantize(MinEdgeWidth + (MaxEdgeWidth - MinEdgeWidth) * std::clamp(share, 0.0, 1.0), 0.25);
    const int since = std::max(0, round - e.lastRound);
    const double opacity
        = since <= RecentRounds ? 1.0 : std::max(MinEdgeOpacity, std::exp(-double(since - RecentRounds) / FadeRounds));
    const qreal alpha = quantize(greyed ? opacity * 0.6 : opacity, 1.0 / 32.0);
    const std::uint32_t colour = greyed ? 0 : e.defaults > 0 ? 1 : 2;
    const std::uint32_t dashed = e.defaults > 0 ? 1 : 0;
    return std::uint32_t(std::lround(width * 4.0)) | std::uint32_t(std::lround(alpha * 32.0)) << 8 | colour << 16
        | dashed << 18;
}

QPen EdgeStyles::makePen(std::uint32_t style)
{
    const qreal width = qreal(style & 0xff) / 4.0;
    const qreal alpha = qreal((style >> 8) & 0xff) / 32.0;
    const std::uint32_t colour = (style >> 16) & 0x3;
    const bool dashed = (style >> 18) & 0x1;
    QColor color = colour == 0 ? QColor(0xa0, 0xa0, 0xa0)
        : colour == 1          ? charts::style::highlightColor()
                               : QColor(0x3b, 0x4a, 0x5c);
    color.setAlphaF(float(alpha));
    QPen pen(color, width, dashed ? Qt::DashLine : Qt::SolidLine);
    pen.setCapStyle(Qt::FlatCap);
    return pen;
}

const QPen& EdgeStyles::pen(std::uint32_t key)
{
    auto it = m_pens.find(key);
    if (it == m_pens.end())
        it = m_pens.emplace(key, makePen(key)).first;
    return it->second;
}

} // namespace haggle::ui
